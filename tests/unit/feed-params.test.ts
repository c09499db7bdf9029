import { describe, expect, it } from "vitest";
import { assetsApiUrl, feedSearch, parseFeedParams } from "@/lib/gallery/feed-params";

describe("feed params", () => {
  it("reads valid filters and drops invalid ones to defaults", () => {
    expect(parseFeedParams({ type: "video", sort: "new", tag: "风景", model: "Sora" })).toEqual({
      type: "video",
      sort: "new",
      tag: "风景",
      model: "Sora",
      ignored: [],
    });
    expect(parseFeedParams({ type: "gif", sort: ["new", "hot"], tag: "" })).toEqual({
      type: "all",
      sort: "new",
      tag: undefined,
      model: undefined,
      ignored: [{ key: "type", value: "gif" }],
    });
  });

  it("reports what it could not use instead of dropping it silently", () => {
    const p = parseFeedParams({ sort: "old", tag: "x".repeat(41), model: "Flux" });
    expect(p.sort).toBe("hot");
    expect(p.tag).toBeUndefined();
    expect(p.model).toBe("Flux");
    expect(p.ignored).toEqual([
      { key: "sort", value: "old" },
      { key: "tag", value: `${"x".repeat(20)}…` },
    ]);
  });

  it("leaves defaults out of page URLs", () => {
    expect(feedSearch({ type: "all", sort: "hot" })).toBe("");
    expect(feedSearch({ type: "image", sort: "new", tag: "夜景" })).toBe(
      `?type=image&sort=new&tag=${encodeURIComponent("夜景")}`,
    );
  });

  it("builds the API URL with the cursor", () => {
    const url = new URL(
      assetsApiUrl({ type: "all", sort: "hot", model: "SDXL" }, "abc"),
      "http://x",
    );
    expect(url.pathname).toBe("/api/assets");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      type: "all",
      sort: "hot",
      limit: "20",
      model: "SDXL",
      cursor: "abc",
    });
  });
});
