"use client";

import { EditDeleteActions, EnabledBadge } from "../common/RowParts";
import { formatTime } from "../common/styles";
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
            <EnabledBadge enabled={p.enabled} />
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
            <EditDeleteActions
              name={p.name}
              onEdit={() => onEdit(p)}
              onDelete={() => onDelete(p)}
              className="flex gap-3 pt-1.5"
            />
          </div>
        </li>
      ))}
    </ul>
  );
}
