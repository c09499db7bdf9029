import { describe, expect, it } from "vitest";
import { captionsFor } from "@/lib/gallery/captions";

describe("captionsFor", () => {
  it("covers the whole clip with one cue naming the work", () => {
    expect(captionsFor({ title: "深蓝潮汐", durationSec: 8 })).toBe(
      "WEBVTT\n\n1\n00:00:00.000 --> 00:00:08.000\n[无对白] 深蓝潮汐\n",
    );
  });

  it("runs an hour when the length is unknown, and keeps the cue syntax intact", () => {
    const vtt = captionsFor({ title: "a --> b\n\nc", durationSec: null });
    expect(vtt).toContain("00:00:00.000 --> 01:00:00.000\n[无对白] a → b c\n");
    expect(vtt.split("-->")).toHaveLength(2);
  });
});
