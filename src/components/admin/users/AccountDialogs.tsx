"use client";
import { useState } from "react";
import { adminApi, errorText } from "../api";
import { Field } from "../common/Field";
import { ErrorNote } from "../common/States";
import { btn, input } from "../common/styles";
import type { AdminUserDetail } from "./types";

type Props = {
  user: AdminUserDetail;
  onDone: (user: AdminUserDetail, notice: string) => void;
  onCancel: () => void;
};

/** 停用 (types the email to confirm; ends every session, token and key) or 启用, with a reason. */
export function DisableDialog({ user, onDone, onCancel }: Props) {
  const disabling = !user.disabledAt;
  const [typed, setTyped] = useState("");
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ready = !disabling || typed.trim().toLowerCase() === user.email;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!ready) return;
    setBusy(true);
    try {
      const res = await adminApi<{ item: AdminUserDetail }>(`/api/admin/users/${user.id}`, {
        method: "PATCH",
        body: { disabled: disabling, ...(reason.trim() ? { reason: reason.trim() } : {}) },
      });
      onDone(res.item, disabling ? `已停用 ${user.email}` : `已启用 ${user.email}`);
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4">
      <p className="text-sm">
        {disabling
          ? "停用后，该用户的所有登录、令牌和 API 密钥立即失效（密钥会被撤销），也无法再登录。可以随时重新启用，但已撤销的密钥不会恢复。"
          : "启用后，该用户可以重新登录；此前的登录与密钥仍然无效。"}
      </p>
      {disabling && (
        <Field label={`请输入 ${user.email} 以确认`}>
          <input
            className={input}
            value={typed}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setTyped(e.target.value)}
          />
        </Field>
      )}
      <Field label="原因（可选，记录在审计日志中）">
        <input
          className={input}
          value={reason}
          maxLength={200}
          onChange={(e) => setReason(e.target.value)}
        />
      </Field>
      {error && <ErrorNote message={error} />}
      <div className="flex justify-end gap-2">
        <button type="button" className={btn.secondary} onClick={onCancel}>
          取消
        </button>
        <button
          type="submit"
          className={disabling ? btn.danger : btn.primary}
          disabled={!ready || busy}
        >
          {busy ? "提交中…" : disabling ? "确认停用" : "确认启用"}
        </button>
      </div>
    </form>
  );
}

/** 角色: user ↔ admin, confirmed, with a reason. */
export function RoleDialog({ user, onDone, onCancel }: Props) {
  const next = user.role === "admin" ? "user" : "admin";
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      const res = await adminApi<{ item: AdminUserDetail }>(`/api/admin/users/${user.id}`, {
        method: "PATCH",
        body: { role: next, ...(reason.trim() ? { reason: reason.trim() } : {}) },
      });
      onDone(
        res.item,
        next === "admin" ? `${user.email} 已成为管理员` : `${user.email} 已取消管理员`,
      );
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} className="flex flex-col gap-4">
      <p className="text-sm">
        {next === "admin"
          ? `将 ${user.email} 设为管理员？管理员可以访问整个管理后台，包括服务商密钥配置和所有用户。`
          : `取消 ${user.email} 的管理员权限？立即生效。`}
      </p>
      <Field label="原因（可选）">
        <input
          className={input}
          value={reason}
          maxLength={200}
          onChange={(e) => setReason(e.target.value)}
        />
      </Field>
      {error && <ErrorNote message={error} />}
      <div className="flex justify-end gap-2">
        <button type="button" className={btn.secondary} onClick={onCancel}>
          取消
        </button>
        <button type="submit" className={btn.danger} disabled={busy}>
          {busy ? "提交中…" : next === "admin" ? "确认设为管理员" : "确认取消"}
        </button>
      </div>
    </form>
  );
}
