"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError } from "@/components/auth/FormParts";
import { signInWithPassword } from "@/components/auth/SignInForm";
import { Modal } from "@/components/admin/common/Modal";
import { Field } from "@/components/ui/Field";
import { buttonClass } from "@/components/ui/styles";
import { changePassword, signOutEverywhere } from "@/lib/client/account";
import { ClientApiError } from "@/lib/client/http";
import { refreshViewer } from "@/lib/client/viewer";

const message = (err: unknown) =>
  err instanceof ClientApiError ? err.message : "网络连接失败，请检查网络后重试";

/**
 * Password change (this browser signs in again with the new password; every other session,
 * token and API key ends) and sign out everywhere.
 */
export function SecurityPanel({ email }: { email: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [confirmAll, setConfirmAll] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const current = String(data.get("current") ?? "");
    const next = String(data.get("next") ?? "");
    if (!current || !next) return setError("请填写当前密码和新密码");
    if (next.length < 8) return setError("新密码至少 8 位");
    if (next !== data.get("repeat")) return setError("两次输入的新密码不一致");
    setPending(true);
    setError(null);
    setDone(null);
    try {
      const r = await changePassword(current, next);
      // This browser's session ended with the others; sign it in again with the new password.
      const failure = await signInWithPassword(email, next);
      form.reset();
      setDone(
        `密码已修改。其他设备已退出登录${r.keysRevoked ? `，${r.keysRevoked} 个 API 密钥已撤销` : ""}。`,
      );
      if (failure) {
        refreshViewer();
        router.replace("/auth/signin?callbackUrl=%2Fme");
      } else router.refresh();
    } catch (err) {
      setError(message(err));
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="flex flex-col gap-6">
      <form onSubmit={onSubmit} noValidate className="flex max-w-sm flex-col gap-3">
        <h3 className="text-sm font-semibold">修改密码</h3>
        <Field
          id="pw-current"
          name="current"
          type="password"
          label="当前密码"
          autoComplete="current-password"
        />
        <Field
          id="pw-next"
          name="next"
          type="password"
          label="新密码"
          autoComplete="new-password"
          hint="至少 8 位"
        />
        <Field
          id="pw-repeat"
          name="repeat"
          type="password"
          label="再次输入新密码"
          autoComplete="new-password"
        />
        <FormError message={error} />
        {done && (
          <p role="status" className="rounded-lg bg-neutral-100 px-3 py-2 text-sm">
            {done}
          </p>
        )}
        <button
          type="submit"
          disabled={pending}
          className={`${buttonClass("primary", "sm")} self-start`}
        >
          {pending ? "保存中…" : "修改密码"}
        </button>
        <p className="text-xs text-neutral-500">
          修改后，其他设备上的登录和你的所有 API 密钥都会立即失效。
        </p>
      </form>
      <div className="flex flex-col gap-2">
        <h3 className="text-sm font-semibold">退出所有设备</h3>
        <p className="text-xs text-neutral-500">
          结束所有设备和应用上的登录，并撤销全部 API 密钥。怀疑账号或密钥泄露时使用。
        </p>
        <button
          type="button"
          className={`${buttonClass("outline", "sm")} self-start`}
          onClick={() => setConfirmAll(true)}
        >
          退出所有设备
        </button>
      </div>
      <Modal open={confirmAll} title="退出所有设备" onClose={() => setConfirmAll(false)}>
        <SignOutAll onCancel={() => setConfirmAll(false)} />
      </Modal>
    </div>
  );
}

function SignOutAll({ onCancel }: { onCancel: () => void }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm">
        所有设备（包括这台）都会退出登录，全部 API 密钥会被撤销且无法恢复。确定继续吗？
      </p>
      <FormError message={error} />
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonClass("outline", "sm")} onClick={onCancel}>
          取消
        </button>
        <button
          type="button"
          disabled={busy}
          className={buttonClass("primary", "sm")}
          onClick={async () => {
            setBusy(true);
            try {
              await signOutEverywhere();
              refreshViewer();
              router.replace("/auth/signin");
              router.refresh();
            } catch (err) {
              setError(message(err));
              setBusy(false);
            }
          }}
        >
          {busy ? "处理中…" : "确认退出所有设备"}
        </button>
      </div>
    </div>
  );
}
