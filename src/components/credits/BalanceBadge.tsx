"use client";
import Link from "next/link";
import { useBalance } from "@/lib/client/balance";

/**
 * 积分 + the live balance, linking to the history. `initialCredits` is the number the server
 * rendered with; the shared store takes over once it has loaded, and every finished call
 * refreshes it.
 */
export function BalanceBadge({ initialCredits }: { initialCredits: number }) {
  const { credits } = useBalance();
  const value = credits ?? initialCredits;
  return (
    <Link
      href="/credits"
      data-testid="balance-badge"
      aria-label={`积分余额 ${value}，查看明细`}
      title="可用积分"
      className="inline-flex h-8 items-center gap-1 rounded-full border border-neutral-300 px-3 text-xs text-neutral-800 tabular-nums hover:border-neutral-900"
    >
      <span aria-hidden="true">积分</span>
      <span aria-hidden="true" className="font-semibold" data-testid="balance-value">
        {value.toLocaleString("zh-CN")}
      </span>
    </Link>
  );
}
