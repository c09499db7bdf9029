"use client";
import Link from "next/link";
import { useBalance } from "@/lib/client/balance";

/**
 * 积分 + the live balance, linking to the history. `initialCredits` is the number the server
 * rendered with; the shared store takes over once it has loaded, and every finished call
 * refreshes it. `href={null}` renders a plain badge, for hosts with no history page (the /mobile
 * app shell).
 */
export function BalanceBadge({
  initialCredits,
  href = "/credits",
}: {
  initialCredits: number;
  href?: string | null;
}) {
  const { credits } = useBalance();
  const value = credits ?? initialCredits;
  const className =
    "inline-flex h-8 items-center gap-1 rounded-full border border-neutral-300 px-3 text-xs text-neutral-800 tabular-nums";
  const content = (
    <>
      <span>积分</span>{" "}
      <span className="font-semibold" data-testid="balance-value">
        {value.toLocaleString("zh-CN")}
      </span>
    </>
  );
  if (href === null) {
    return (
      <span
        data-testid="balance-badge"
        role="status"
        aria-label={`积分余额 ${value}`}
        title="可用积分"
        className={className}
      >
        {content}
      </span>
    );
  }
  return (
    <Link
      href={href}
      data-testid="balance-badge"
      aria-label={`积分余额 ${value}，查看明细`}
      title="可用积分"
      className={`${className} hover:border-neutral-900`}
    >
      {content}
    </Link>
  );
}
