// Pure pricing functions for the contract's pricing JSON (§4). No I/O and no server-only
// import, so pages can show the same estimate the server will hold.

import type { ChatPricing, Pricing, Rounding } from "./schema";

/** A model's pricing (pricing-schema.ts); `rounding` may be absent and then means "ceil". */
export type PricingTable = Omit<Pricing, "rounding"> & { rounding?: Rounding };

/**
 * Rounds a call's total once. Sums like 0.1 × 3 carry binary noise (0.30000000000000004), which
 * would make ceil charge a whole extra credit; snapping to 1e-9 first removes that noise.
 */
export function roundCredits(total: number, rounding: Rounding = "ceil"): number {
  const snapped = Math.round(total * 1e9) / 1e9;
  const rounded =
    rounding === "floor"
      ? Math.floor(snapped)
      : rounding === "round"
        ? Math.round(snapped)
        : Math.ceil(snapped);
  return Math.max(0, rounded);
}

/** maxOut: the client's max_tokens (or max_completion_tokens), else the default capped by what fits. */
export function chatMaxOut(input: {
  maxTokens?: number | null;
  promptTokens: number;
  contextWindow: number;
  defaultMaxTokens: number;
}): number {
  if (input.maxTokens != null) return input.maxTokens;
  return Math.max(0, Math.min(input.defaultMaxTokens, input.contextWindow - input.promptTokens));
}

function chatTotal(p: ChatPricing, promptTokens: number, completionTokens: number): number {
  const perK = p.perKTokens ?? { input: 0, output: 0 };
  return (
    (p.fixedCreditsPerCall ?? 0) +
    (perK.input * promptTokens) / 1000 +
    (perK.output * completionTokens) / 1000
  );
}

/** The pre-charge of a chat call: priced as if every choice used maxOut tokens. */
export function chatHold(
  pricing: PricingTable,
  input: { promptTokens: number; maxOut: number; n?: number },
): number {
  const p = pricing.chat;
  if (!p) return 0;
  const raw = roundCredits(
    chatTotal(p, input.promptTokens, input.maxOut * (input.n ?? 1)),
    pricing.rounding,
  );
  return Math.max(raw, p.minCredits ?? 0);
}

/**
 * The largest output budget, at most `maxOut`, whose chat hold fits `balance` (issue 17: a
 * request without max_tokens is sized to what the caller can pay, as OpenRouter does). `maxOut`
 * itself when its hold fits; null when not even a one-token answer does. The hold grows with the
 * budget (never shrinks), so the largest fitting budget is found by bisection — exact under any
 * rounding mode and minCredits, in at most ~13 steps for a 4,096-token default.
 */
export function affordableMaxOut(
  pricing: PricingTable,
  input: { promptTokens: number; maxOut: number; n?: number; balance: number },
): number | null {
  const hold = (maxOut: number) =>
    chatHold(pricing, { promptTokens: input.promptTokens, maxOut, n: input.n });
  if (hold(input.maxOut) <= input.balance) return input.maxOut;
  if (input.maxOut < 1 || hold(1) > input.balance) return null;
  let lo = 1; // fits
  let hi = input.maxOut; // does not fit
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (hold(mid) <= input.balance) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** The final charge of a chat call from its usage: at least minCredits, never above the hold. */
export function chatCharge(
  pricing: PricingTable,
  usage: { promptTokens: number; completionTokens: number },
  hold: number,
): number {
  const p = pricing.chat;
  if (!p) return 0;
  const raw = roundCredits(
    chatTotal(p, usage.promptTokens, usage.completionTokens),
    pricing.rounding,
  );
  return Math.min(hold, Math.max(raw, p.minCredits ?? 0));
}

export type ImageOperation = "image.generate" | "image.edit";

/** fixed + n · perImage · sizeFactor · qualityFactor, rounded once (a missing factor is 1). */
export function imageCost(
  pricing: PricingTable,
  operation: ImageOperation,
  input: { n: number; size?: string | null; quality?: string | null },
): number {
  const p = pricing[operation];
  if (!p) return 0;
  const size = input.size ? (p.sizeFactors?.[input.size] ?? 1) : 1;
  const quality = input.quality ? (p.qualityFactors?.[input.quality] ?? 1) : 1;
  return roundCredits(
    (p.fixedCreditsPerCall ?? 0) + input.n * p.perImage * size * quality,
    pricing.rounding,
  );
}

/** The charge for the images actually returned (fewer than n is charged for what came back). */
export function imageCharge(
  pricing: PricingTable,
  operation: ImageOperation,
  input: { returned: number; size?: string | null; quality?: string | null },
  hold: number,
): number {
  return Math.min(hold, imageCost(pricing, operation, { ...input, n: input.returned }));
}

/**
 * Embedding hold: the locally counted input tokens with a margin, because a provider's tokenizer
 * may count more than ours and the charge can never exceed the hold.
 */
export const EMBEDDING_HOLD_MARGIN = 1.25;

function embeddingTotal(pricing: PricingTable, tokens: number): number | null {
  const p = pricing.embedding;
  if (!p) return null;
  return (p.fixedCreditsPerCall ?? 0) + (p.perKTokens.input * tokens) / 1000;
}

export function embeddingHold(pricing: PricingTable, input: { estimatedTokens: number }): number {
  const total = embeddingTotal(pricing, Math.ceil(input.estimatedTokens * EMBEDDING_HOLD_MARGIN));
  if (total === null) return 0;
  return Math.max(roundCredits(total, pricing.rounding), pricing.embedding?.minCredits ?? 0);
}

/** The charge of an embedding call from its input tokens: at least minCredits, never above the hold. */
export function embeddingCharge(
  pricing: PricingTable,
  input: { promptTokens: number },
  hold: number,
): number {
  const total = embeddingTotal(pricing, input.promptTokens);
  if (total === null) return 0;
  const raw = roundCredits(total, pricing.rounding);
  return Math.min(hold, Math.max(raw, pricing.embedding?.minCredits ?? 0));
}

/** Speech: fixed + perKChars · characters / 1000, rounded once, at least minCredits. */
export function speechCost(pricing: PricingTable, input: { characters: number }): number {
  const p = pricing["audio.speech"];
  if (!p) return 0;
  const raw = roundCredits(
    (p.fixedCreditsPerCall ?? 0) + (p.perKChars * input.characters) / 1000,
    pricing.rounding,
  );
  return Math.max(raw, p.minCredits ?? 0);
}

/** Video (contract §8): fixed + perSecond · seconds · sizeFactor, rounded once, at least minCredits. */
export function videoCost(
  pricing: PricingTable,
  input: { seconds: number; size?: string | null },
): number {
  const p = pricing["video.generate"];
  if (!p) return 0;
  const size = input.size ? (p.sizeFactors?.[input.size] ?? 1) : 1;
  const total = roundCredits(
    (p.fixedCreditsPerCall ?? 0) + p.perSecond * input.seconds * size,
    pricing.rounding,
  );
  return Math.max(total, p.minCredits ?? 0);
}
