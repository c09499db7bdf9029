"use client";

import { EditDeleteActions, EnabledBadge } from "../common/RowParts";
import { CAPABILITY_LABEL, type AiModel, type Provider } from "../types";
import { pricingSummary } from "./pricing-summary";

/** The models list on narrow screens, with the same selection and actions as the table. */
export function ModelCards({
  items,
  providers,
  selected,
  onSelect,
  onEdit,
  onDelete,
}: {
  items: AiModel[];
  providers: Map<string, Provider>;
  selected: Set<string>;
  onSelect: (ids: string[], on: boolean) => void;
  onEdit: (m: AiModel) => void;
  onDelete: (m: AiModel) => void;
}) {
  return (
    <ul className="flex flex-col gap-2 lg:hidden" aria-label="模型列表">
      {items.map((m) => (
        <li
          key={m.id}
          className={`flex gap-3 rounded-lg border p-3 ${selected.has(m.id) ? "border-black bg-neutral-50" : "border-neutral-200"}`}
        >
          <input
            type="checkbox"
            aria-label={`选择 ${m.slug}`}
            checked={selected.has(m.id)}
            onChange={(e) => onSelect([m.id], e.target.checked)}
            className="mt-1 size-4 shrink-0 accent-black"
          />
          <div className="flex min-w-0 flex-1 flex-col gap-1">
            <div className="flex items-start justify-between gap-2">
              <div className="min-w-0">
                <p className="font-medium">{m.displayName}</p>
                <p className="font-mono text-xs break-all text-neutral-500">{m.slug}</p>
              </div>
              <EnabledBadge enabled={m.enabled} />
            </div>
            <p className="text-xs text-neutral-500">
              {providers.get(m.providerId)?.name ?? m.providerSlug} ·{" "}
              {m.capabilities.map((c) => CAPABILITY_LABEL[c] ?? c).join(" / ")}
            </p>
            <p className="text-xs text-neutral-700">{pricingSummary(m.pricing)}</p>
            <EditDeleteActions
              name={m.slug}
              onEdit={() => onEdit(m)}
              onDelete={() => onDelete(m)}
            />
          </div>
        </li>
      ))}
    </ul>
  );
}
