"use client";
import { useState } from "react";
import { EmailField, FormError, SubmitButton } from "@/components/auth/FormParts";
import { BalanceBadge } from "@/components/credits/BalanceBadge";
import { Field } from "@/components/ui/Field";
import { buttonClass } from "@/components/ui/styles";
import { HttpError } from "@/lib/http";
import { EmptyState } from "@/components/gallery/EmptyState";
import { useFavoritesVersion } from "@/components/gallery/favorite-store";
import { API_BASE_URL } from "@/lib/public-env";
import { useSession } from "./session";
import { ShellFeed } from "./ShellFeed";
import { ShellKeysEntry } from "./ShellKeysEntry";

// 我的: the sign-in / sign-up form while signed out; once signed in, the account, 退出登录 and
// the user's favorites (the same cards as the feed, paged).
export function AccountTab({
  onSignedIn,
  onNeedSignIn,
}: {
  onSignedIn: () => void;
  onNeedSignIn: () => void;
}) {
  const { session, signIn, register, signOut } = useSession();
  const [mode, setMode] = useState<"signIn" | "register">("signIn");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const favoritesVersion = useFavoritesVersion();
  const [verifySent, setVerifySent] = useState<string | null>(null);

  if (session.status === "loading") {
    return (
      <p role="status" className="p-6 text-sm text-neutral-500">
        正在读取登录状态…
      </p>
    );
  }

  if (session.status === "signedIn") {
    const { user } = session;
    return (
      <div className="flex flex-col gap-6 p-4">
        <div className="flex items-center gap-3">
          <span
            aria-hidden="true"
            className="grid size-12 place-items-center rounded-full bg-black text-lg font-semibold text-white"
          >
            {(user.name || user.email).slice(0, 1).toUpperCase()}
          </span>
          <div className="min-w-0">
            <p className="truncate font-medium">{user.name || user.email}</p>
            <p className="truncate text-sm text-neutral-600">{user.email}</p>
          </div>
        </div>
        {verifySent && (
          <p role="status" className="rounded-lg bg-neutral-100 px-3 py-2 text-sm">
            验证邮件已发送到 {verifySent}，点击邮件中的链接完成验证后即可获得赠送积分。
          </p>
        )}
        <dl className="rounded-xl border border-neutral-200 px-4 py-3 text-sm">
          <div className="flex items-center justify-between py-1">
            <dt className="text-neutral-600">积分</dt>
            <dd>
              <BalanceBadge initialCredits={user.credits} href={null} />
            </dd>
          </div>
          <div className="flex justify-between py-1">
            <dt className="text-neutral-600">服务器</dt>
            <dd className="truncate pl-4">{API_BASE_URL || "当前站点"}</dd>
          </div>
        </dl>
        <ShellKeysEntry />
        <button
          type="button"
          onClick={() => void signOut()}
          className={`${buttonClass("outline")} h-11 w-full`}
        >
          退出登录
        </button>
        <section aria-labelledby="m-favorites" className="-mx-1">
          <h2 id="m-favorites" className="mb-3 px-1 text-base font-semibold">
            我的收藏
          </h2>
          <ShellFeed
            key={`${user.id}:${favoritesVersion}`}
            path="/api/favorites"
            query={{}}
            scope="mobile:favorites"
            label="我的收藏"
            onNeedSignIn={onNeedSignIn}
            empty={
              <EmptyState message="还没有收藏" hint="在广场里点作品右上角的心形，就会收进这里。" />
            }
          />
        </section>
      </div>
    );
  }

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email || !password) return setError("请输入邮箱和密码");
    if (mode === "register" && password.length < 8) return setError("密码至少 8 位");
    setPending(true);
    setError(null);
    try {
      // When the bonus waits for the verification mail, stay here so the user reads why.
      if (mode === "register" && (await register(email, password))) setVerifySent(email);
      else {
        if (mode === "signIn") await signIn(email, password);
        onSignedIn();
      }
    } catch (err) {
      setError(err instanceof HttpError ? err.message : "登录失败，请稍后重试");
    } finally {
      setPending(false);
    }
  }

  const notice = session.notice;
  return (
    <div className="mx-auto flex max-w-sm flex-col gap-5 p-4 pt-8">
      <div>
        <h2 className="text-xl font-semibold">{mode === "signIn" ? "登录" : "注册"}</h2>
        <p className="mt-1 text-sm text-neutral-600">登录后可以收藏作品、创作图片和对话。</p>
      </div>
      {notice && !error && (
        <p role="status" className="rounded-lg bg-neutral-100 px-3 py-2 text-sm">
          {notice}
        </p>
      )}
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
        <EmailField id="m-email" />
        <Field
          id="m-password"
          name="password"
          type="password"
          label="密码"
          autoComplete={mode === "signIn" ? "current-password" : "new-password"}
          required
          hint={mode === "register" ? "至少 8 位" : undefined}
        />
        <FormError message={error} />
        <SubmitButton
          pending={pending}
          pendingLabel="请稍候…"
          label={mode === "signIn" ? "登录" : "注册并登录"}
        />
      </form>
      <button
        type="button"
        onClick={() => {
          setMode(mode === "signIn" ? "register" : "signIn");
          setError(null);
        }}
        className="text-sm text-neutral-600 underline underline-offset-4 hover:text-black"
      >
        {mode === "signIn" ? "还没有账号？注册" : "已有账号？登录"}
      </button>
    </div>
  );
}
