"use client";
import Link from "next/link";
import { useCardHooks } from "./card-hooks";

type Props = { assetId: string; className?: string; children: React.ReactNode };

/**
 * A card's way into its work. On the site it is a soft navigation that the @modal slot shows as
 * an overlay with its own URL (scroll={false}: the feed stays where it was under it); the /mobile
 * shell may point it elsewhere.
 */
export function WorkLink({ assetId, className, children }: Props) {
  const hooks = useCardHooks();
  const href = hooks.workHref?.(assetId) ?? `/works/${encodeURIComponent(assetId)}`;
  return (
    <Link href={href} prefetch={false} scroll={false} className={className}>
      {children}
    </Link>
  );
}
