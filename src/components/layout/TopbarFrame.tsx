"use client";
import Link from "next/link";
import { AccountArea } from "./AccountArea";
import { NavLinks } from "./NavLinks";

/**
 * The bar itself. A client component although it has no state: the page's RSC payload then
 * carries a reference to it instead of its markup, and the root layout is in that payload twice
 * (once more for the not-found boundary), on every page.
 */
export function TopbarFrame({ children }: { children: React.ReactNode }) {
  return (
    <header className="sticky top-0 z-30 border-b border-neutral-200 bg-white/95 backdrop-blur supports-[backdrop-filter]:bg-white/80">
      <div className="mx-auto flex max-w-[1600px] flex-wrap items-center gap-x-4 gap-y-1 px-3 py-2 sm:flex-nowrap sm:px-6">
        <Link
          prefetch={false}
          href="/"
          className="flex h-9 items-center gap-2 rounded-md text-base font-semibold tracking-tight text-black"
        >
          <span
            aria-hidden="true"
            className="grid size-6 place-items-center rounded-md bg-black text-[11px] font-bold text-white"
          >
            AI
          </span>
          AIGC Studio
        </Link>
        <nav
          aria-label="主导航"
          className="order-3 -mx-1 w-full overflow-x-auto sm:order-none sm:mx-0 sm:w-auto"
        >
          <NavLinks />
        </nav>
        <AccountArea />
      </div>
      {children}
    </header>
  );
}
