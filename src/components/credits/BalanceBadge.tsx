"use client";
import Link from "next/link";
import { useBalance } from "@/lib/client/balance";

/**
 * 积分 + the live balance, linking to the history. `initialCredits` is the last number known
 * (the Topbar's, from GET /api/me as the page loaded); the shared store takes over once it has
 * loaded, and every finished call refreshes it. `fresh`: that number was read just now, so the
 * store is not asked on mount. `href={null}` renders a plain badge, for hosts with no history page
 * (the /mobile app shell).
 */
export function BalanceBadge({
  initialCredits,
  fresh = false,
  href = "/credits",
}: {
  initialCredits: number;
  fresh?: boolean;
  href?: string | null;
}) {
  const { credits } = useBalance({ load: !fresh });
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
  // The accessible name is the visible text (WCAG 2.5.3: voice users say what they see), with
  // the link's purpose added after it for screen readers.
  if (href === null) {
    return (
      <span data-testid="balance-badge" role="status" title="可用积分" className={className}>
        {content}
      </span>
    );
  }
  return (
    <Link
      href={href}
      data-testid="balance-badge"
      title="可用积分"
      className={`${className} hover:border-neutral-900`}
    >
      {content}
      <span className="sr-only">，查看明细</span>
    </Link>
  );
}
