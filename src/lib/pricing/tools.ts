// Image tool prices (pure, shared with the UI): by the megapixels of the exact output.
//   cost = fixed + perMegapixel · MP · scaleFactor · (1 + creativityFactor · creativity) · modeFactor
// rounded once (the model's rounding), at least minCredits. A missing entry prices the tool at 0.

import type { ToolOperation } from "@/lib/operations/registry";
import type { PricingTable } from "./compute";
import { roundCredits } from "./compute";
import type { ToolPricing } from "./schema";

export type ToolPriceInput = {
  width: number;
  height: number;
  /** image.upscale: the effective scale (output / input, the larger side ratio). */
  scale?: number | null;
  /** image.outpaint: 0–1. */
  creativity?: number | null;
  /** image.background. */
  mode?: "remove" | "replace" | null;
};

/** One line of the price, as the creator shows it. */
export type PriceLine = { label: string; detail: string };

export type ToolQuote = {
  credits: number;
  megapixels: number;
  lines: PriceLine[];
};

const num = (n: number) => String(Math.round(n * 1000) / 1000);

/**
 * The factor for an effective scale: the smallest listed scale at least as large (2.5× pays the
 * 4× factor), the largest listed beyond them all; none listed = 1.
 */
export function scaleFactor(p: ToolPricing, scale: number | null | undefined): number {
  const entries = Object.entries(p.scaleFactors ?? {})
    .map(([k, v]) => [Number(k), v] as const)
    .sort((a, b) => a[0] - b[0]);
  if (!entries.length || !scale) return 1;
  const hit = entries.find(([k]) => k >= scale - 1e-9);
  return (hit ?? entries[entries.length - 1])[1];
}

export function toolQuote(
  pricing: PricingTable,
  op: ToolOperation,
  input: ToolPriceInput,
): ToolQuote {
  const megapixels = (input.width * input.height) / 1_000_000;
  const p = pricing[op];
  if (!p) return { credits: 0, megapixels, lines: [{ label: "价格", detail: "免费" }] };
  const lines: PriceLine[] = [
    {
      label: "输出",
      detail: `${input.width}×${input.height}（${num(megapixels)} MP）× ${num(p.perMegapixel)} 积分/MP`,
    },
  ];
  let factor = 1;
  if (op === "image.upscale") {
    const f = scaleFactor(p, input.scale);
    if (f !== 1) lines.push({ label: "倍数系数", detail: `× ${num(f)}` });
    factor *= f;
  }
  if (op === "image.outpaint" && p.creativityFactor) {
    const f = 1 + p.creativityFactor * (input.creativity ?? 0);
    lines.push({ label: "创意度系数", detail: `× ${num(f)}` });
    factor *= f;
  }
  if (op === "image.background" && input.mode) {
    const f = p.modeFactors?.[input.mode] ?? 1;
    if (f !== 1)
      lines.push({ label: input.mode === "remove" ? "移除" : "替换", detail: `× ${num(f)}` });
    factor *= f;
  }
  if (p.fixedCreditsPerCall)
    lines.push({ label: "每次固定", detail: `+ ${p.fixedCreditsPerCall} 积分` });
  const raw = roundCredits(
    (p.fixedCreditsPerCall ?? 0) + p.perMegapixel * megapixels * factor,
    pricing.rounding,
  );
  const credits = Math.max(raw, p.minCredits ?? 0);
  if (credits > raw) lines.push({ label: "最低收费", detail: `${p.minCredits} 积分` });
  return { credits, megapixels, lines };
}

export const toolCost = (pricing: PricingTable, op: ToolOperation, input: ToolPriceInput) =>
  toolQuote(pricing, op, input).credits;
