"use client";
import Link from "next/link";
import { BalanceBadge } from "@/components/credits/BalanceBadge";
import { buttonClass } from "@/components/ui/styles";
import { useViewer } from "@/lib/client/viewer";
import { SignOutButton } from "./SignOutButton";

/**
 * The Topbar's right side: 积分, the account name and 退出 when signed in, 登录 / 注册 otherwise.
 * Until GET /api/me answers it holds the place of the two buttons (nothing else on the bar moves
 * when it fills in: it is the last thing on its row, aligned right).
 */
export function AccountArea() {
  const { status, user } = useViewer();
  return (
    <div className="ml-auto flex items-center gap-1.5" aria-busy={status === "loading"}>
      {user ? (
        <>
          <BalanceBadge initialCredits={user.credits} fresh />
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
      ) : status === "loading" ? (
        <span aria-hidden="true" className="h-8 w-[7.5rem]" />
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
  );
}
