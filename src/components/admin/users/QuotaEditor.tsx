"use client";
import { useState } from "react";
import { QUOTA_OPERATIONS } from "@/lib/quotas/units";
import { adminApi, errorText } from "../api";
import { ErrorNote } from "../common/States";
import { btn, input, table } from "../common/styles";
import type { AdminUserDetail } from "./types";

type Mode = "plan" | "none" | "limit";
type Row = { mode: Mode; value: string };

function rowsFrom(overrides: Record<string, number | null>): Record<string, Row> {
  return Object.fromEntries(
    QUOTA_OPERATIONS.map((op) => {
      if (!(op.id in overrides)) return [op.id, { mode: "plan", value: "" }];
      const v = overrides[op.id];
      return [
        op.id,
        v === null ? { mode: "none", value: "" } : { mode: "limit", value: String(v) },
      ];
    }),
  );
}

/** 配额: the user's plan and per-operation overrides, with today's use beside each. */
export function QuotaEditor({
  user,
  onSaved,
}: {
  user: AdminUserDetail;
  onSaved: (user: AdminUserDetail, notice: string) => void;
}) {
  const [plan, setPlan] = useState(user.plan);
  const [rows, setRows] = useState(() => rowsFrom(user.quotaOverrides));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const plans = user.plans.includes(user.plan) ? user.plans : [...user.plans, user.plan];

  async function save(e: React.FormEvent) {
    e.preventDefault();
    const overrides: Record<string, number | null> = {};
    for (const op of QUOTA_OPERATIONS) {
      const r = rows[op.id];
      if (r.mode === "none") overrides[op.id] = null;
      if (r.mode === "limit") {
        const n = Number(r.value);
        if (r.value === "" || !Number.isInteger(n) || n < 0)
          return setError(`「${op.label}」的额度必须是非负整数`);
        overrides[op.id] = n;
      }
    }
    setBusy(true);
    setError(null);
    try {
      const res = await adminApi<{ item: AdminUserDetail }>(`/api/admin/users/${user.id}`, {
        method: "PATCH",
        body: { plan, quotaOverrides: overrides },
      });
      onSaved(res.item, "已保存配额");
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const used = (op: string) => user.quotas.items.find((i) => i.operation === op);

  return (
    <form onSubmit={save} className="flex flex-col gap-3">
      <label className="flex flex-wrap items-center gap-2 text-sm">
        配额方案
        <select
          className={`${input} w-auto`}
          value={plan}
          onChange={(e) => setPlan(e.target.value)}
        >
          {plans.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <div className={table.wrap}>
        <table className={`${table.table} min-w-[520px]`}>
          <caption className="sr-only">每日额度</caption>
          <thead>
            <tr>
              {["功能", "今日已用 / 生效额度", "单独设置"].map((h) => (
                <th key={h} scope="col" className={table.th}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {QUOTA_OPERATIONS.map((op) => {
              const q = used(op.id);
              const r = rows[op.id];
              const set = (next: Partial<Row>) =>
                setRows((all) => ({ ...all, [op.id]: { ...r, ...next } }));
              return (
                <tr key={op.id}>
                  <td className={table.td}>{op.label}</td>
                  <td className={`${table.td} tabular-nums`}>
                    {q?.limit == null
                      ? `${q?.used ?? 0} ${op.unit}（不限）`
                      : `${q.used} / ${q.limit} ${op.unit}`}
                  </td>
                  <td className={table.td}>
                    <div className="flex flex-wrap items-center gap-2">
                      <select
                        aria-label={`${op.label}额度设置`}
                        className={`${input} w-auto`}
                        value={r.mode}
                        onChange={(e) => set({ mode: e.target.value as Mode })}
                      >
                        <option value="plan">跟随方案</option>
                        <option value="none">不限</option>
                        <option value="limit">自定义</option>
                      </select>
                      {r.mode === "limit" && (
                        <input
                          aria-label={`${op.label}每日额度`}
                          className={`${input} w-24`}
                          inputMode="numeric"
                          value={r.value}
                          onChange={(e) => set({ value: e.target.value.replace(/[^\d]/g, "") })}
                        />
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {error && <ErrorNote message={error} />}
      <button type="submit" className={`${btn.primary} self-start`} disabled={busy}>
        {busy ? "保存中…" : "保存配额"}
      </button>
    </form>
  );
}
