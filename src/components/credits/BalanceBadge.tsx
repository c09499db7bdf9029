"use client";
import Link from "next/link";
import { useBalance } from "@/lib/client/balance";

/** 积分 + the live balance; links to the history. Renders nothing for signed-out visitors. */
export function BalanceBadge() {
  const { status, credits } = useBalance();
  if (status === "signed-out") return null;
  const value = credits === null ? (status === "error" ? "—" : "…") : credits.toLocaleString("zh-CN");
  return (
    <Link
      href="/credits"
      data-testid="balance-badge"
      aria-label={credits === null ? "积分余额" : `积分余额 ${credits}`}
      className="inline-flex min-h-9 items-center gap-1.5 rounded-full border border-neutral-300 px-3 text-sm hover:border-neutral-900"
    >
      <span className="text-neutral-500">积分</span>
      <span className="font-semibold tabular-nums" data-testid="balance-value">
        {value}
      </span>
    </Link>
  );
}
