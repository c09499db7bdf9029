"use client";

import { btn, formatTime } from "../common/styles";
import { KIND_LABEL, type Provider } from "../types";
import { ConnectionTestButton } from "./ConnectionTestButton";

/** The providers list on narrow screens: one card per provider, every action reachable without scrolling sideways. */
export function ProviderCards({
  items,
  onEdit,
  onDelete,
}: {
  items: Provider[];
  onEdit: (p: Provider) => void;
  onDelete: (p: Provider) => void;
}) {
  return (
    <ul className="flex flex-col gap-2 lg:hidden" aria-label="服务商列表">
      {items.map((p) => (
        <li key={p.id} className="flex flex-col gap-2 rounded-lg border border-neutral-200 p-3">
          <div className="flex items-start justify-between gap-2">
            <div className="min-w-0">
              <p className="font-medium">{p.name}</p>
              <p className="font-mono text-xs text-neutral-500">
                {p.slug} · {KIND_LABEL[p.kind] ?? p.kind}
              </p>
            </div>
            <span
              className={`shrink-0 rounded-full border px-2 py-0.5 text-xs ${p.enabled ? "border-black" : "border-neutral-300 text-neutral-400"}`}
            >
              {p.enabled ? "启用" : "停用"}
            </span>
          </div>
          <dl className="grid grid-cols-[4rem_1fr] gap-x-2 gap-y-1 text-xs">
            <dt className="text-neutral-500">Base URL</dt>
            <dd className="truncate font-mono" title={p.baseURL}>
              {p.baseURL}
            </dd>
            <dt className="text-neutral-500">密钥</dt>
            <dd className="font-mono">{p.hasApiKey ? `••••${p.apiKeyPreview ?? ""}` : "未设置"}</dd>
            <dt className="text-neutral-500">更新</dt>
            <dd>{formatTime(p.updatedAt)}</dd>
          </dl>
          <div className="flex flex-wrap items-start justify-between gap-2">
            <ConnectionTestButton providerId={p.id} providerName={p.name} />
            <div className="flex gap-3 pt-1.5">
              <button
                type="button"
                className={btn.link}
                onClick={() => onEdit(p)}
                aria-label={`编辑 ${p.name}`}
              >
                编辑
              </button>
              <button
                type="button"
                className={btn.link}
                onClick={() => onDelete(p)}
                aria-label={`删除 ${p.name}`}
              >
                删除
              </button>
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
