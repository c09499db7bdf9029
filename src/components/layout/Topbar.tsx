import Link from "next/link";
import { currentUser } from "@/lib/auth/page-guard";
import { BalanceBadge } from "@/components/credits/BalanceBadge";
import { buttonClass } from "@/components/ui/styles";
import { NavLinks } from "./NavLinks";
import { SignOutButton } from "./SignOutButton";
import { SiteAnnouncement } from "./SiteAnnouncement";

export async function Topbar() {
  const user = await currentUser();
  const nav = [
    { href: "/", label: "广场" },
    { href: "/explore", label: "探索" },
    { href: "/create", label: "创作" },
    ...(user
      ? [
          { href: "/me/favorites", label: "收藏" },
          { href: "/me", label: "我的" },
        ]
      : []),
    ...(user?.role === "admin" ? [{ href: "/admin", label: "管理" }] : []),
  ];
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
          <NavLinks items={nav} />
        </nav>
        <div className="ml-auto flex items-center gap-1.5">
          {user ? (
            <>
              <BalanceBadge initialCredits={user.credits} />
              <Link
                prefetch={false}
                href="/me"
                className="hidden max-w-[10rem] truncate rounded-md px-1 text-sm text-neutral-800 underline-offset-2 hover:underline sm:inline"
                title={user.email}
              >
                <span className="sr-only">我的账户：</span>
                {user.name}
              </Link>
              <SignOutButton />
            </>
          ) : (
            <>
              <Link prefetch={false} href="/auth/signin" className={buttonClass("ghost", "sm")}>
                登录
              </Link>
              <Link prefetch={false} href="/auth/signup" className={buttonClass("primary", "sm")}>
                注册
              </Link>
            </>
          )}
        </div>
      </div>
      <SiteAnnouncement />
    </header>
  );
}
