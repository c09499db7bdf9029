import { z } from "zod";

// Pricing JSON stored on AiModel.pricing, exactly contract §4. Shared by the admin API (validation),
// the credit calculators (chat/images) and the admin page's pricing editor, so no "server-only".

const credits = z.number().int("必须是整数").nonnegative("不能为负数");
const rate = z.number().finite().nonnegative("不能为负数");
const factor = z.number().finite().positive("系数必须大于 0");

export const chatPricingSchema = z.strictObject({
  fixedCreditsPerCall: credits.optional(),
  perKTokens: z.strictObject({ input: rate, output: rate }).optional(),
  minCredits: credits.optional(),
});

export const imagePricingSchema = z.strictObject({
  perImage: rate,
  fixedCreditsPerCall: credits.optional(),
  sizeFactors: z
    .record(z.string().regex(/^\d{1,5}x\d{1,5}$/, "尺寸须为 <宽>x<高>"), factor)
    .optional(),
  qualityFactors: z.record(z.string().min(1).max(32), factor).optional(),
});

/** Embeddings: input tokens only (the provider's usage, else counted locally). */
export const embeddingPricingSchema = z.strictObject({
  perKTokens: z.strictObject({ input: rate }),
  fixedCreditsPerCall: credits.optional(),
  minCredits: credits.optional(),
});

/** Text to speech: by the characters of `input`, known before the call. */
export const speechPricingSchema = z.strictObject({
  perKChars: rate,
  fixedCreditsPerCall: credits.optional(),
  minCredits: credits.optional(),
});

export const videoPricingSchema = z.strictObject({
  perSecond: rate,
  fixedCreditsPerCall: credits.optional(),
  sizeFactors: z
    .record(z.string().regex(/^\d{1,5}x\d{1,5}$/, "尺寸须为 <宽>x<高>"), factor)
    .optional(),
  minCredits: credits.optional(),
});

/**
 * Image tools (image.upscale | image.outpaint | image.background): priced by the megapixels of
 * the output, which is exact and known before the call. cost = fixed + perMegapixel · MP ·
 * scaleFactor (upscale) · (1 + creativityFactor · creativity) (outpaint) · modeFactor
 * (background), rounded once, at least minCredits.
 */
export const toolPricingSchema = z.strictObject({
  perMegapixel: rate,
  fixedCreditsPerCall: credits.optional(),
  minCredits: credits.optional(),
  scaleFactors: z.record(z.string().regex(/^\d{1,2}$/, "倍数须为整数，如 2、4"), factor).optional(),
  creativityFactor: rate.optional(),
  modeFactors: z.partialRecord(z.enum(["remove", "replace"]), factor).optional(),
});

export const roundingSchema = z.enum(["ceil", "round", "floor"]);

export const pricingSchema = z.strictObject({
  chat: chatPricingSchema.optional(),
  "image.generate": imagePricingSchema.optional(),
  "image.edit": imagePricingSchema.optional(),
  embedding: embeddingPricingSchema.optional(),
  "audio.speech": speechPricingSchema.optional(),
  "video.generate": videoPricingSchema.optional(),
  "image.upscale": toolPricingSchema.optional(),
  "image.outpaint": toolPricingSchema.optional(),
  "image.background": toolPricingSchema.optional(),
  rounding: roundingSchema.default("ceil"),
});

/** Parsed pricing: `rounding` is always present (default "ceil"). */
export type Pricing = z.output<typeof pricingSchema>;
/** What an admin may send: `rounding` optional. */
export type PricingInput = z.input<typeof pricingSchema>;
export type ChatPricing = z.output<typeof chatPricingSchema>;
export type ImagePricing = z.output<typeof imagePricingSchema>;
export type EmbeddingPricing = z.output<typeof embeddingPricingSchema>;
export type SpeechPricing = z.output<typeof speechPricingSchema>;
export type VideoPricing = z.output<typeof videoPricingSchema>;
export type ToolPricing = z.output<typeof toolPricingSchema>;
export type Rounding = z.output<typeof roundingSchema>;

/** Parses stored pricing; rows written before validation existed fall back to "free, ceil". */
export function parsePricing(raw: string | unknown): Pricing {
  let value: unknown = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch {
      value = {};
    }
  }
  const parsed = pricingSchema.safeParse(value);
  return parsed.success ? parsed.data : { rounding: "ceil" };
}
