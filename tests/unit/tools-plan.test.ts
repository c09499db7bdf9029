import { describe, expect, it } from "vitest";
import {
  marginsForAspect,
  outputFormat,
  planTool,
  type ToolRequest,
} from "@/lib/operations/tools/plan";
import { toolQuote, scaleFactor } from "@/lib/pricing/tools";
import { pricingSchema } from "@/lib/pricing/schema";
import { originalRect } from "@/components/create/tools/params";

// The pure planning and pricing of image tools (shared by the page and the server).

const SRC = { width: 640, height: 480 };
const MAX = 16 * 4096 * 4096;
const plan = (req: ToolRequest, src = SRC, max = MAX) => planTool(req, src, max);

describe("output sizes", () => {
  it.each([
    [{ op: "image.upscale", scale: 2 }, "1280x960"],
    [{ op: "image.upscale", scale: 4 }, "2560x1920"],
    [{ op: "image.upscale" }, "1280x960"],
    [{ op: "image.upscale", width: 1000 }, "1000x750"],
    [{ op: "image.upscale", height: 600 }, "800x600"],
    [{ op: "image.upscale", width: 700, height: 900 }, "700x900"],
    [{ op: "image.outpaint", left: 100 }, "740x480"],
    [{ op: "image.outpaint", left: 1, right: 2, up: 3, down: 4 }, "643x487"],
    [{ op: "image.outpaint", aspectRatio: "3:4" }, "640x853"],
    [{ op: "image.outpaint", aspectRatio: "16:9" }, "853x480"],
    [{ op: "image.background", mode: "remove" }, "640x480"],
    [{ op: "image.background", mode: "replace", color: "#fff" }, "640x480"],
  ] as [ToolRequest, string][])("%j → %s", (req, size) => {
    const p = plan(req);
    if ("error" in p) throw new Error(p.error.message);
    expect(`${p.output.width}x${p.output.height}`).toBe(size);
  });

  it("3:4 is reached by centred margins, the odd pixel going down", () => {
    expect(marginsForAspect(SRC, "3:4")).toEqual({
      width: 640,
      height: 853,
      left: 0,
      right: 0,
      up: 186,
      down: 187,
    });
  });

  it.each([
    [{ op: "image.upscale", scale: 3 }, "scale"],
    [{ op: "image.upscale", scale: 2, width: 900 }, "scale"],
    [{ op: "image.upscale", width: 600 }, "width"],
    [{ op: "image.upscale", width: 640, height: 480 }, "width"],
    [{ op: "image.upscale", width: 20000 }, "width"],
    [{ op: "image.outpaint" }, "left"],
    [{ op: "image.outpaint", left: 0, right: 0 }, "left"],
    [{ op: "image.outpaint", left: 2001 }, "left"],
    [{ op: "image.outpaint", left: 10, creativity: 1.5 }, "creativity"],
    [{ op: "image.outpaint", aspectRatio: "4:3" }, "aspect_ratio"],
    [{ op: "image.outpaint", aspectRatio: "1:20" }, "aspect_ratio"],
    [{ op: "image.outpaint", aspectRatio: "3:4", left: 5 }, "aspect_ratio"],
    [{ op: "image.background", mode: "replace" }, "mode"],
    [{ op: "image.background", mode: "replace", color: "#fff", prompt: "x" }, "mode"],
    [{ op: "image.background", mode: "replace", color: "blue" }, "color"],
    [{ op: "image.background", mode: "remove", color: "#fff" }, "color"],
  ] as [ToolRequest, string][])("%j is refused on %s", (req, param) => {
    const p = plan(req);
    expect("error" in p && p.error.param).toBe(param);
  });

  it("caps the output pixels", () => {
    const p = plan({ op: "image.upscale", scale: 4 }, SRC, 1_000_000);
    expect("error" in p && p.error.message).toMatch(/2560×1920/);
  });

  it("a removed background is PNG (or WebP if asked); other tools keep the source's format", () => {
    const remove = {
      op: "image.background",
      mode: "remove",
      color: null,
      prompt: null,
      backgroundImage: false,
    } as const;
    expect(outputFormat(remove, "jpeg", null)).toBe("png");
    expect(outputFormat(remove, "jpeg", "jpeg")).toBe("png");
    expect(outputFormat(remove, "png", "webp")).toBe("webp");
    expect(outputFormat({ op: "image.upscale", width: 2, height: 2, scale: 2 }, "jpeg", null)).toBe(
      "jpeg",
    );
    expect(
      outputFormat({ op: "image.upscale", width: 2, height: 2, scale: 2 }, "jpeg", "webp"),
    ).toBe("webp");
  });

  it("the original's place in the result follows outpainting through later steps", () => {
    const p = plan({ op: "image.outpaint", left: 160, right: 0 });
    if ("error" in p) throw new Error();
    const rect = originalRect([
      { spec: p.spec, input: SRC, output: p.output },
      {
        spec: { op: "image.upscale", width: 1600, height: 960, scale: 2 },
        input: p.output,
        output: { width: 1600, height: 960 },
      },
    ]);
    expect(rect).toEqual({ x: 0.2, y: 0, w: 0.8, h: 1 });
  });
});

describe("tool prices", () => {
  const pricing = pricingSchema.parse({
    "image.upscale": { perMegapixel: 2, scaleFactors: { "2": 1, "4": 1.5 }, minCredits: 1 },
    "image.outpaint": { perMegapixel: 3, creativityFactor: 0.5, fixedCreditsPerCall: 1 },
    "image.background": { perMegapixel: 2, modeFactors: { replace: 1.5 } },
    rounding: "ceil",
  });

  it("is by the output's megapixels, times its factor, rounded once", () => {
    // 1280×960 = 1.2288 MP × 2 = 2.4576 → 3
    expect(
      toolQuote(pricing, "image.upscale", { width: 1280, height: 960, scale: 2 }).credits,
    ).toBe(3);
    // 2560×1920 = 4.9152 MP × 2 × 1.5 = 14.7456 → 15
    expect(
      toolQuote(pricing, "image.upscale", { width: 2560, height: 1920, scale: 4 }).credits,
    ).toBe(15);
    // 1 + 0.3552 MP × 3 × (1 + 0.5 × 1) = 2.5984 → 3
    expect(
      toolQuote(pricing, "image.outpaint", { width: 740, height: 480, creativity: 1 }).credits,
    ).toBe(3);
    expect(
      toolQuote(pricing, "image.background", { width: 640, height: 480, mode: "replace" }).credits,
    ).toBe(1);
    expect(
      toolQuote(pricing, "image.background", { width: 2000, height: 2000, mode: "replace" })
        .credits,
    ).toBe(12);
  });

  it("a size between listed scales pays the next scale up; beyond them, the largest", () => {
    const p = pricing["image.upscale"]!;
    expect(scaleFactor(p, 1.5)).toBe(1);
    expect(scaleFactor(p, 2)).toBe(1);
    expect(scaleFactor(p, 2.5)).toBe(1.5);
    expect(scaleFactor(p, 8)).toBe(1.5);
    expect(scaleFactor({ perMegapixel: 1 }, 4)).toBe(1);
  });

  it("never below minCredits, and explains itself line by line", () => {
    const floor = pricingSchema.parse({ "image.upscale": { perMegapixel: 2, minCredits: 5 } });
    const q = toolQuote(floor, "image.upscale", { width: 100, height: 100, scale: 2 });
    expect(q.credits).toBe(5);
    expect(q.lines.map((l) => l.label)).toEqual(["输出", "最低收费"]);
    expect(q.lines[0].detail).toContain("100×100");
  });

  it("an unpriced tool is free", () => {
    expect(
      toolQuote({ rounding: "ceil" }, "image.outpaint", { width: 10, height: 10 }).credits,
    ).toBe(0);
  });

  it("the pricing schema refuses nonsense", () => {
    expect(pricingSchema.safeParse({ "image.upscale": { perMegapixel: -1 } }).success).toBe(false);
    expect(
      pricingSchema.safeParse({ "image.upscale": { perMegapixel: 1, scaleFactors: { x2: 1 } } })
        .success,
    ).toBe(false);
    expect(
      pricingSchema.safeParse({
        "image.background": { perMegapixel: 1, modeFactors: { erase: 2 } },
      }).success,
    ).toBe(false);
    expect(
      pricingSchema.safeParse({
        "image.background": { perMegapixel: 1, modeFactors: { remove: 2 } },
      }).success,
    ).toBe(true);
  });
});
