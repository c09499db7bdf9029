import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { inspectMp4 } from "../helpers/mp4";
import { renderMockVideo, wrapText } from "@/lib/providers/mock/video-render";

// The mock video model's clip must be a real H.264 MP4 that shows its prompt, with a poster.

describe("mock video render", () => {
  it("encodes an H.264 (avc1) MP4 of the requested size and length, and a JPEG poster", async () => {
    const out = await renderMockVideo({
      prompt: "a red fox",
      width: 160,
      height: 96,
      seconds: 2,
      reference: null,
    });
    const info = inspectMp4(out.mp4);
    expect(info.codec).toBe("avc1");
    expect(info.width).toBe(160);
    expect(info.height).toBe(96);
    expect(info.durationSec).toBeCloseTo(2, 1);
    const poster = await sharp(out.poster).metadata();
    expect(poster.format).toBe("jpeg");
    expect([poster.width, poster.height]).toEqual([160, 96]);
  });

  it("different prompts make different pictures; a reference image shows through", async () => {
    const a = await renderMockVideo({
      prompt: "ocean at dawn",
      width: 64,
      height: 64,
      seconds: 2,
      reference: null,
    });
    const b = await renderMockVideo({
      prompt: "desert at night",
      width: 64,
      height: 64,
      seconds: 2,
      reference: null,
    });
    expect(a.poster.equals(b.poster)).toBe(false);
    const red = await sharp({
      create: { width: 64, height: 64, channels: 3, background: "#ff0000" },
    })
      .png()
      .toBuffer();
    const c = await renderMockVideo({
      prompt: "x",
      width: 64,
      height: 64,
      seconds: 2,
      reference: red,
    });
    const { data } = await sharp(c.poster).resize(1, 1).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(data[1] + 40);
  });

  it("wraps long prompts by display width and ellipsizes past the line limit", () => {
    expect(wrapText("一二三四五六", 6, 3)).toEqual(["一二三", "四五六"]);
    const lines = wrapText("word ".repeat(40), 10, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1].endsWith("…")).toBe(true);
  });
});
