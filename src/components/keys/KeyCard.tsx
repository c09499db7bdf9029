"use client";
import type { ApiKeyView } from "@/lib/client/keys";
import { KEY_STATUS_LABEL } from "@/lib/keys/schemas";
import { formatDateTime, limitText, modelsText } from "./format";

const link =
  "text-sm text-neutral-700 underline-offset-2 hover:text-black hover:underline disabled:opacity-40";

/** One key: what it is, what it may do, how much of its limit is used, when it was last used. */
export function KeyCard({
  item,
  busy,
  onEdit,
  onToggle,
  onRevoke,
}: {
  item: ApiKeyView;
  busy: boolean;
  onEdit: () => void;
  onToggle: () => void;
  onRevoke: () => void;
}) {
  const live = item.status !== "revoked";
  const used =
    item.creditLimit !== null ? Math.min(100, (item.spent / item.creditLimit) * 100) : null;
  return (
    <li
      data-key-id={item.id}
      aria-label={`密钥 ${item.name}`}
      className={`flex flex-col gap-3 rounded-xl border p-4 ${live ? "border-neutral-200" : "border-dashed border-neutral-300 text-neutral-500"}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="truncate font-medium">{item.name}</p>
          <p className="font-mono text-xs text-neutral-600">{item.display}</p>
        </div>
        <span
          data-testid="key-status"
          className={`shrink-0 rounded-full border px-2 py-0.5 text-xs ${item.status === "active" ? "border-black" : "border-neutral-300"}`}
        >
          {KEY_STATUS_LABEL[item.status]}
        </span>
      </div>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-1.5 text-sm sm:grid-cols-2">
        <div className="flex gap-2">
          <dt className="shrink-0 text-neutral-500">模型</dt>
          <dd className="min-w-0 break-words">{modelsText(item)}</dd>
        </div>
        <div className="flex gap-2">
          <dt className="shrink-0 text-neutral-500">每分钟</dt>
          <dd>{item.rpm === null ? "不限" : `${item.rpm} 次`}</dd>
        </div>
        <div className="flex flex-col gap-1 sm:col-span-2">
          <div className="flex gap-2">
            <dt className="shrink-0 text-neutral-500">额度</dt>
            <dd data-testid="key-limit">{limitText(item)}</dd>
          </div>
          {used !== null && (
            <div
              className="h-1.5 overflow-hidden rounded-full bg-neutral-100"
              role="progressbar"
              aria-label="额度使用"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(used)}
            >
              <div className="h-full bg-black" style={{ width: `${used}%` }} />
            </div>
          )}
        </div>
        <div className="flex gap-2">
          <dt className="shrink-0 text-neutral-500">过期</dt>
          <dd>{item.expiresAt ? formatDateTime(item.expiresAt) : "永不"}</dd>
        </div>
        <div className="flex gap-2">
          <dt className="shrink-0 text-neutral-500">最近使用</dt>
          <dd data-testid="key-last-used">
            {item.lastUsedAt
              ? `${formatDateTime(item.lastUsedAt)} · ${item.lastUsedIp ?? "未知地址"}`
              : "从未使用"}
          </dd>
        </div>
      </dl>
      {live && (
        <div className="flex flex-wrap justify-end gap-4">
          <button type="button" className={link} onClick={onEdit} disabled={busy}>
            编辑
          </button>
          <button type="button" className={link} onClick={onToggle} disabled={busy}>
            {item.enabled ? "停用" : "启用"}
          </button>
          <button type="button" className={link} onClick={onRevoke} disabled={busy}>
            撤销
          </button>
        </div>
      )}
    </li>
  );
}
