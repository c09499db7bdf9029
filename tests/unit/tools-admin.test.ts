import { describe, expect, it } from "vitest";
import { formToPricing, pricingToForm } from "@/components/admin/models/pricing-form";
import { pricingSummary } from "@/components/admin/models/pricing-summary";
import type { Pricing } from "@/components/admin/types";
import { inferCapabilities } from "@/lib/providers/openai-compatible";

// Tool prices in the admin pricing editor, and tool models recognised on import.

const tools: Pricing = {
  "image.upscale": {
    perMegapixel: 2,
    fixedCreditsPerCall: 1,
    scaleFactors: { "2": 1, "4": 1.5 },
    minCredits: 1,
  },
  "image.outpaint": { perMegapixel: 3, creativityFactor: 0.5 },
  "image.background": { perMegapixel: 2.5, modeFactors: { remove: 1, replace: 1.5 } },
  rounding: "ceil",
};

describe("pricing editor: image tools", () => {
  it("round-trips every tool field", () => {
    const { pricing, errors } = formToPricing(pricingToForm(tools));
    expect(errors).toEqual({});
    expect(pricing).toEqual(tools);
  });

  it("names the field that is wrong", () => {
    const form = pricingToForm(tools);
    form["image.upscale"].perMegapixel = "";
    form["image.upscale"].scaleFactors = [{ key: "x2", value: "1" }];
    form["image.background"].modeReplace = "0";
    form["image.outpaint"].creativityFactor = "-1";
    const { errors } = formToPricing(form);
    expect(Object.keys(errors).sort()).toEqual([
      "image.background.modeFactors.replace",
      "image.outpaint.creativityFactor",
      "image.upscale.perMegapixel",
      "image.upscale.scaleFactors.0.key",
    ]);
  });

  it("summarises tool prices per megapixel", () => {
    expect(pricingSummary(tools)).toBe("放大 2/MP；扩图 3/MP；背景 2.5/MP");
  });
});

describe("import: tool models by name", () => {
  it.each([
    ["nightmareai/real-esrgan", ["image.upscale"]],
    ["stability/creative-upscaler", ["image.upscale"]],
    ["cjwbw/rembg", ["image.background"]],
    ["851-labs/background-remover", ["image.background"]],
    ["fal/flux-outpainting", ["image.outpaint"]],
    ["black-forest-labs/flux-schnell", ["image.generate"]],
  ])("%s → %j", (id, caps) => expect(inferCapabilities(id)).toEqual(caps));
});
