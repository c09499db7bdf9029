"use client";
import { useState } from "react";
import { adminApi, errorText } from "../api";
import { Field } from "../common/Field";
import { ErrorNote } from "../common/States";
import { btn, input } from "../common/styles";

/**
 * 调整积分: grant (positive) or deduct (negative) with a reason. A deduction asks once more,
 * with the amount spelled out, before it is sent.
 */
export function GrantDialog({
  user,
  onDone,
  onCancel,
}: {
  user: { id: string; email: string; credits: number };
  onDone: (credits: number, delta: number) => void;
  onCancel: () => void;
}) {
  const [mode, setMode] = useState<"grant" | "deduct">("grant");
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const n = Number(amount);
  const valid = Number.isInteger(n) && n > 0 && reason.trim().length > 0;
  const delta = mode === "grant" ? n : -n;

  async function send() {
    setBusy(true);
    setError(null);
    try {
      const res = await adminApi<{ credits: number }>("/api/credits/grant", {
        body: { userId: user.id, delta, reason: reason.trim() },
      });
      onDone(res.credits, delta);
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
      setConfirming(false);
    }
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!valid) return setError(reason.trim() ? "请输入正整数积分" : "请填写原因");
    if (mode === "deduct" && !confirming) return setConfirming(true);
    void send();
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <p className="text-sm text-neutral-600">
        {user.email} 当前余额 <strong className="tabular-nums">{user.credits}</strong> 积分
      </p>
      <fieldset className="flex gap-4 text-sm">
        <legend className="sr-only">方向</legend>
        <label className="flex items-center gap-1.5">
          <input
            type="radio"
            checked={mode === "grant"}
            onChange={() => (setMode("grant"), setConfirming(false))}
          />
          增加
        </label>
        <label className="flex items-center gap-1.5">
          <input
            type="radio"
            checked={mode === "deduct"}
            onChange={() => (setMode("deduct"), setConfirming(false))}
          />
          扣除
        </label>
      </fieldset>
      <Field label="积分">
        <input
          className={input}
          inputMode="numeric"
          value={amount}
          onChange={(e) => {
            setAmount(e.target.value.replace(/[^\d]/g, ""));
            setConfirming(false);
          }}
          placeholder="例如 50"
        />
      </Field>
      <Field label="原因（记录在账单与审计日志中）">
        <input
          className={input}
          value={reason}
          maxLength={200}
          onChange={(e) => setReason(e.target.value)}
          placeholder="例如：活动奖励"
        />
      </Field>
      {confirming && (
        <p role="alert" className="rounded-lg border border-black px-3 py-2 text-sm">
          确认从 {user.email} 扣除 <strong>{n}</strong> 积分？扣除后余额为 {user.credits - n}
          。再次点击“确认扣除”执行。
        </p>
      )}
      {error && <ErrorNote message={error} />}
      <div className="flex justify-end gap-2">
        <button type="button" className={btn.secondary} onClick={onCancel}>
          取消
        </button>
        <button
          type="submit"
          className={mode === "deduct" ? btn.danger : btn.primary}
          disabled={busy}
        >
          {busy ? "提交中…" : mode === "grant" ? "确认增加" : confirming ? "确认扣除" : "扣除"}
        </button>
      </div>
    </form>
  );
}
