import { describe, expect, it } from "vitest";
import { parsePricing, pricingSchema } from "@/lib/pricing/schema";

describe("pricing schema (contract §4)", () => {
  it("accepts the full shape and defaults rounding to ceil", () => {
    const full = {
      chat: { fixedCreditsPerCall: 1, perKTokens: { input: 0.5, output: 1.5 }, minCredits: 1 },
      "image.generate": {
        perImage: 5,
        fixedCreditsPerCall: 0,
        sizeFactors: { "1024x1024": 1, "1792x1024": 2 },
        qualityFactors: { standard: 1, hd: 2 },
      },
      "image.edit": { perImage: 6 },
      embedding: { perKTokens: { input: 0.02 }, fixedCreditsPerCall: 0, minCredits: 1 },
      "audio.speech": { perKChars: 15, fixedCreditsPerCall: 1, minCredits: 2 },
    };
    expect(pricingSchema.parse(full)).toEqual({ ...full, rounding: "ceil" });
    expect(pricingSchema.parse({ rounding: "floor" })).toEqual({ rounding: "floor" });
    expect(pricingSchema.parse({})).toEqual({ rounding: "ceil" });
  });

  const bad: [string, unknown][] = [
    ["fractional fixed credits", { chat: { fixedCreditsPerCall: 1.5 } }],
    ["negative minCredits", { chat: { minCredits: -1 } }],
    ["fractional minCredits", { chat: { minCredits: 0.5 } }],
    ["perKTokens missing output", { chat: { perKTokens: { input: 1 } } }],
    ["negative token price", { chat: { perKTokens: { input: -1, output: 1 } } }],
    ["image without perImage", { "image.generate": { fixedCreditsPerCall: 1 } }],
    ["bad size key", { "image.generate": { perImage: 1, sizeFactors: { big: 2 } } }],
    ["zero factor", { "image.edit": { perImage: 1, qualityFactors: { hd: 0 } } }],
    ["unknown rounding", { rounding: "up" }],
    ["unknown operation", { "video.generate": { perImage: 1 } }],
    ["typo inside a section", { chat: { perKToken: { input: 1, output: 1 } } }],
    ["string number", { "image.generate": { perImage: "5" } }],
    ["infinite price", { chat: { perKTokens: { input: Infinity, output: 1 } } }],
    ["embedding priced per output token", { embedding: { perKTokens: { input: 1, output: 1 } } }],
    ["embedding without a rate", { embedding: { minCredits: 1 } }],
    ["speech per token", { "audio.speech": { perKTokens: { input: 1 } } }],
    ["negative speech rate", { "audio.speech": { perKChars: -1 } }],
    ["fractional speech minCredits", { "audio.speech": { perKChars: 1, minCredits: 0.5 } }],
  ];
  for (const [name, value] of bad) {
    it(`rejects ${name}`, () => expect(pricingSchema.safeParse(value).success).toBe(false));
  }

  it("parsePricing reads stored JSON and falls back safely", () => {
    expect(parsePricing('{"chat":{"minCredits":2}}')).toEqual({
      chat: { minCredits: 2 },
      rounding: "ceil",
    });
    expect(parsePricing("not json")).toEqual({ rounding: "ceil" });
  });
});
