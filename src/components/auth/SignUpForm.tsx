"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field } from "@/components/ui/Field";
import { buttonClass } from "@/components/ui/styles";
import { apiMessage } from "./messages";
import { signInWithPassword } from "./SignInForm";

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    const name = String(form.get("name") ?? "").trim();
    if (!email || !password) return setError("请输入邮箱和密码");
    setPending(true);
    setError(null);
    try {
      const res = await fetch("/api/auth/register", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password, ...(name ? { name } : {}) }),
      });
      if (res.status !== 201) {
        setPending(false);
        return setError(apiMessage(await res.json().catch(() => null), "注册失败，请稍后重试"));
      }
    } catch {
      setPending(false);
      return setError("网络异常，请稍后重试");
    }
    const failure = await signInWithPassword(email, password);
    if (failure) {
      // The account exists; only the automatic sign-in failed.
      router.replace(`/auth/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <Field
        id="name"
        name="name"
        type="text"
        label="昵称"
        autoComplete="nickname"
        maxLength={50}
        placeholder="选填，默认取邮箱前缀"
      />
      <Field
        id="email"
        name="email"
        type="email"
        label="邮箱"
        autoComplete="email"
        inputMode="email"
        required
        placeholder="you@example.com"
      />
      <Field
        id="password"
        name="password"
        type="password"
        label="密码"
        autoComplete="new-password"
        required
        minLength={8}
        hint="至少 8 位"
      />
      {error && (
        <p
          role="alert"
          className="rounded-lg border border-black bg-neutral-50 px-3 py-2 text-sm text-black"
        >
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className={`${buttonClass("primary")} mt-2 h-11 w-full`}
      >
        {pending ? "注册中…" : "注册并登录"}
      </button>
    </form>
  );
}
