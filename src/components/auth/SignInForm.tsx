"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { EmailField, FormError, SubmitButton } from "./FormParts";
import { Field } from "@/components/ui/Field";
import { refreshViewer } from "@/lib/client/viewer";
import { nextAuthMessage } from "./messages";

/** Signs in with the Credentials provider; returns a Chinese error message or null on success. */
export async function signInWithPassword(email: string, password: string): Promise<string | null> {
  try {
    // redirect:false — we navigate ourselves, to the already-sanitised callbackUrl.
    const result = await signIn("credentials", { redirect: false, email, password });
    if (!result) return "登录失败，请稍后重试";
    if (!result.ok || result.error) return nextAuthMessage(result.error ?? "CredentialsSignin");
    // The Topbar (and any heart on the page) learns who is signed in now.
    refreshViewer();
    return null;
  } catch {
    return "网络异常，请稍后重试";
  }
}

export function SignInForm({
  callbackUrl,
  initialError,
}: {
  callbackUrl: string;
  initialError: string | null;
}) {
  const router = useRouter();
  const [error, setError] = useState(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email || !password) return setError("请输入邮箱和密码");
    setPending(true);
    setError(null);
    const failure = await signInWithPassword(email, password);
    if (failure) {
      setPending(false);
      return setError(failure);
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <EmailField />
      <Field
        id="password"
        name="password"
        type="password"
        label="密码"
        autoComplete="current-password"
        required
      />
      <FormError message={error} />
      <SubmitButton pending={pending} pendingLabel="登录中…" label="登录" />
    </form>
  );
}
