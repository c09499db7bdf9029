import Link from "next/link";
import { AccountArea } from "./AccountArea";
import { NavLinks } from "./NavLinks";
import { SiteAnnouncement } from "./SiteAnnouncement";

// The same HTML for every visitor (so / and /explore can be served from the page cache): the
// account area and the signed-in links are client islands filled in from GET /api/me.
export function Topbar() {
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
      <SiteAnnouncement />
    </header>
  );
}
