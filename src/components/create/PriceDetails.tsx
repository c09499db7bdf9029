"use client";
import type { PriceBreakdown } from "./price";

/** The total with its breakdown one tap away (a native disclosure: keyboard and screen readers). */
export function PriceDetails({ price }: { price: PriceBreakdown | null }) {
  if (!price) return null;
  return (
    <details className="text-xs text-neutral-600">
      <summary className="min-h-8 cursor-pointer py-1 select-none">
        预计消耗 <strong className="text-neutral-900">{price.total}</strong> 积分 · 查看明细
      </summary>
      <dl className="mt-1 grid grid-cols-[auto_auto] justify-start gap-x-4 gap-y-0.5">
        {price.lines.map((l) => (
          <div key={l.label} className="contents">
            <dt>{l.label}</dt>
            <dd className="text-neutral-900">{l.value}</dd>
          </div>
        ))}
        <dt className="font-medium">合计</dt>
        <dd className="font-medium text-neutral-900">{price.total} 积分</dd>
      </dl>
    </details>
  );
}
