"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { registerSchema } from "@/lib/auth/schemas";
import { EmailField, FormError, SubmitButton } from "./FormParts";
import { Field } from "@/components/ui/Field";
import { buttonClass } from "@/components/ui/styles";
import { apiMessage } from "./messages";
import { signInWithPassword } from "./SignInForm";

type FieldName = "email" | "password" | "name";
type Errors = Partial<Record<FieldName, string>>;

/** Every field's problem at once (the server's own schema), not one at a time. */
function validate(values: Record<FieldName, string>): Errors {
  const parsed = registerSchema.safeParse({
    email: values.email,
    password: values.password,
    ...(values.name ? { name: values.name } : {}),
  });
  const errors: Errors = {};
  if (!values.email) errors.email = "请输入邮箱";
  if (!values.password) errors.password = "请输入密码";
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const field = issue.path[0] as FieldName;
    errors[field] ??= issue.message;
  }
  return errors;
}

/** Puts focus on a field, so a screen reader reads its error right away. */
function focusField(form: HTMLFormElement, name: FieldName) {
  (form.elements.namedItem(name) as HTMLInputElement | null)?.focus();
}

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const values = {
      email: String(form.get("email") ?? "").trim(),
      password: String(form.get("password") ?? ""),
      name: String(form.get("name") ?? "").trim(),
    };
    const found = validate(values);
    setErrors(found);
    setError(null);
    const first = (["name", "email", "password"] as const).find((f) => found[f]);
    if (first) return focusField(formEl, first);
    setPending(true);
    let verificationRequired = false;
    try {
      const res = await fetch("/api/auth/register", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          email: values.email,
          password: values.password,
          ...(values.name ? { name: values.name } : {}),
        }),
      });
      const body = await res.json().catch(() => null);
      if (res.status !== 201) {
        setPending(false);
        const param = body?.error?.param as FieldName | undefined;
        const message = apiMessage(body, "注册失败，请稍后重试");
        if (param && ["email", "password", "name"].includes(param)) {
          setErrors({ [param]: message });
          return focusField(formEl, param);
        }
        return setError(message);
      }
      verificationRequired = body?.verificationRequired === true;
    } catch {
      setPending(false);
      return setError("网络异常，请稍后重试");
    }
    const failure = await signInWithPassword(values.email, values.password);
    if (failure) {
      // The account exists; only the automatic sign-in failed.
      router.replace(`/auth/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      return;
    }
    if (verificationRequired) {
      // Signed in already; the bonus waits for the link in the mail.
      setPending(false);
      setNotice(`验证邮件已发送到 ${values.email}，点击邮件中的链接完成验证后即可获得赠送积分。`);
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  if (notice) {
    return (
      <div className="flex flex-col gap-4">
        <p role="status" className="rounded-lg bg-neutral-100 px-3 py-2 text-sm">
          {notice}
        </p>
        <button
          type="button"
          onClick={() => {
            router.replace(callbackUrl);
            router.refresh();
          }}
          className={`${buttonClass("primary")} h-11 w-full`}
        >
          继续
        </button>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <Field
        id="name"
        name="name"
        type="text"
        label="昵称"
        autoComplete="nickname"
        placeholder="选填，默认取邮箱前缀"
        error={errors.name}
      />
      <EmailField error={errors.email} />
      <Field
        id="password"
        name="password"
        type="password"
        label="密码"
        autoComplete="new-password"
        required
        hint="至少 8 位"
        error={errors.password}
      />
      <FormError message={error} />
      <SubmitButton pending={pending} pendingLabel="注册中…" label="注册并登录" />
    </form>
  );
}
