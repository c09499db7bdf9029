"use client";
import type { PriceLine } from "@/lib/pricing/tools";

// The price before a run, with how it is made up: one group per step (a single tool is one step).

export type PriceGroup = {
  title: string;
  model: string | null;
  credits: number;
  lines: PriceLine[];
};

export function PriceBreakdown({
  groups,
  total,
  credits,
}: {
  groups: PriceGroup[];
  total: number;
  credits: number | null;
}) {
  if (!groups.length) return null;
  return (
    <section
      aria-label="价格明细"
      className="rounded-lg border border-neutral-200 px-3 py-2 text-sm"
    >
      <ol className="flex flex-col gap-2">
        {groups.map((g, i) => (
          <li key={i} className="flex flex-col gap-0.5">
            <div className="flex items-baseline justify-between gap-2">
              <span className="font-medium">
                {groups.length > 1 ? `${i + 1}. ` : ""}
                {g.title}
                {g.model ? (
                  <span className="ml-1 text-xs font-normal text-neutral-500">{g.model}</span>
                ) : null}
              </span>
              <span className="shrink-0 tabular-nums">{g.credits} 积分</span>
            </div>
            <ul className="text-xs text-neutral-600">
              {g.lines.map((l, k) => (
                <li key={k}>
                  {l.label}：{l.detail}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      <p className="mt-2 flex justify-between border-t border-neutral-200 pt-2 font-medium">
        <span>合计（开始时预扣，完成后按此结算）</span>
        <span data-testid="price-total" className="tabular-nums">
          {total} 积分
        </span>
      </p>
      {credits !== null ? (
        <p className="text-xs text-neutral-500">当前余额 {credits} 积分</p>
      ) : null}
    </section>
  );
}
