"use client";
import { useState } from "react";
import { QUOTA_OPERATIONS } from "@/lib/quotas/units";
import { DEFAULT_PLAN } from "@/lib/settings/schema";
import { Modal } from "../common/Modal";
import { btn, input, table } from "../common/styles";

export type PlanDraft = { name: string; limits: Record<string, string> };

/**
 * Quota plans as a table: one row per plan, one column per operation of the registry (so a new
 * operation gets a column by itself). Removing a plan asks first: its users fall back to default.
 */
export function PlansEditor({
  plans,
  onChange,
}: {
  plans: PlanDraft[];
  onChange: (p: PlanDraft[]) => void;
}) {
  const [newName, setNewName] = useState("");
  const [removing, setRemoving] = useState<string | null>(null);
  const set = (i: number, op: string, value: string) =>
    onChange(
      plans.map((p, j) =>
        j === i ? { ...p, limits: { ...p.limits, [op]: value.replace(/[^\d]/g, "") } } : p,
      ),
    );

  return (
    <div className="flex flex-col gap-3">
      <div className={table.wrap}>
        <table className={`${table.table} min-w-[560px]`}>
          <caption className="sr-only">配额方案</caption>
          <thead>
            <tr>
              <th scope="col" className={table.th}>
                方案
              </th>
              {QUOTA_OPERATIONS.map((op) => (
                <th key={op.id} scope="col" className={table.th}>
                  {op.label}（{op.unit}/天）
                </th>
              ))}
              <th scope="col" className={table.th}>
                <span className="sr-only">操作</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {plans.map((p, i) => (
              <tr key={p.name}>
                <th scope="row" className={`${table.td} font-mono text-xs font-medium`}>
                  {p.name}
                </th>
                {QUOTA_OPERATIONS.map((op) => (
                  <td key={op.id} className={table.td}>
                    <input
                      aria-label={`${p.name} ${op.label}每日额度`}
                      className={`${input} w-24`}
                      inputMode="numeric"
                      placeholder="不限"
                      value={p.limits[op.id] ?? ""}
                      onChange={(e) => set(i, op.id, e.target.value)}
                    />
                  </td>
                ))}
                <td className={table.td}>
                  {p.name !== DEFAULT_PLAN && (
                    <button type="button" className={btn.link} onClick={() => setRemoving(p.name)}>
                      删除
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <input
          className={`${input} max-w-48`}
          aria-label="新方案名"
          placeholder="新方案名，如 pro"
          value={newName}
          maxLength={32}
          onChange={(e) => setNewName(e.target.value.toLowerCase())}
        />
        <button
          type="button"
          className={btn.secondary}
          disabled={!newName.trim() || plans.some((p) => p.name === newName.trim())}
          onClick={() => {
            onChange([...plans, { name: newName.trim(), limits: {} }]);
            setNewName("");
          }}
        >
          添加方案
        </button>
      </div>
      <Modal open={removing !== null} title="删除配额方案" onClose={() => setRemoving(null)}>
        <div className="flex flex-col gap-4">
          <p className="text-sm">
            删除方案 <code className="font-mono">{removing}</code> 后，使用该方案的用户将按 default
            方案计算额度。保存设置后生效。
          </p>
          <div className="flex justify-end gap-2">
            <button type="button" className={btn.secondary} onClick={() => setRemoving(null)}>
              取消
            </button>
            <button
              type="button"
              className={btn.danger}
              onClick={() => {
                onChange(plans.filter((p) => p.name !== removing));
                setRemoving(null);
              }}
            >
              确认删除
            </button>
          </div>
        </div>
      </Modal>
    </div>
  );
}
