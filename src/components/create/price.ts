import type { CatalogModel } from "@/lib/client/models";
import { imageCost, videoCost } from "@/lib/pricing/compute";

// Prices people can read (issue 17): every option that changes the price shows its factor, and
// the total comes with the sum that makes it. The total is the server's own formula
// (src/lib/pricing/compute.ts); the lines only explain it.

export type PriceLine = { label: string; value: string };
export type PriceBreakdown = { total: number; lines: PriceLine[] };

const num = (n: number) => (Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100));

/** "×2" next to an option, or "" when it does not change the price. */
export const factorTag = (factor: number | undefined) =>
  factor !== undefined && factor !== 1 ? `×${num(factor)}` : "";

export function imageBreakdown(
  model: CatalogModel,
  operation: "image.generate" | "image.edit",
  input: { n: number; size?: string; quality?: string },
): PriceBreakdown | null {
  const p = model.pricing[operation];
  if (!p) return null;
  const sizeF = input.size ? (p.sizeFactors?.[input.size] ?? 1) : 1;
  const qualityF = input.quality ? (p.qualityFactors?.[input.quality] ?? 1) : 1;
  const lines: PriceLine[] = [
    { label: "单价", value: `${num(p.perImage)} 积分/张` },
    { label: "数量", value: `× ${input.n} 张` },
  ];
  if (sizeF !== 1)
    lines.push({ label: `尺寸 ${input.size?.replace("x", "×")}`, value: `× ${num(sizeF)}` });
  if (qualityF !== 1) lines.push({ label: "质量", value: `× ${num(qualityF)}` });
  if (p.fixedCreditsPerCall) lines.push({ label: "每次固定", value: `+ ${p.fixedCreditsPerCall}` });
  return { total: imageCost(model.pricing, operation, input), lines };
}

export function videoBreakdown(
  model: CatalogModel,
  input: { seconds: number; size: string },
): PriceBreakdown | null {
  const p = model.pricing["video.generate"];
  if (!p) return null;
  const sizeF = p.sizeFactors?.[input.size] ?? 1;
  const lines: PriceLine[] = [
    { label: "单价", value: `${num(p.perSecond)} 积分/秒` },
    { label: "时长", value: `× ${input.seconds} 秒` },
  ];
  if (sizeF !== 1)
    lines.push({ label: `画幅 ${input.size.replace("x", "×")}`, value: `× ${num(sizeF)}` });
  if (p.fixedCreditsPerCall) lines.push({ label: "每次固定", value: `+ ${p.fixedCreditsPerCall}` });
  const total = videoCost(model.pricing, input);
  if (p.minCredits && total === p.minCredits)
    lines.push({ label: "最低收费", value: `${p.minCredits} 积分` });
  return { total, lines };
}
