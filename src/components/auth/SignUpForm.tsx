"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { EmailField, FormError, SubmitButton } from "./FormParts";
import { Field } from "@/components/ui/Field";
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
      <EmailField />
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
      <FormError message={error} />
      <SubmitButton pending={pending} pendingLabel="注册中…" label="注册并登录" />
    </form>
  );
}
