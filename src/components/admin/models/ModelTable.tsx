"use client";

import { EditDeleteActions, EnabledBadge } from "../common/RowParts";
import { table } from "../common/styles";
import { CAPABILITY_LABEL, type AiModel, type Provider } from "../types";
import { pricingSummary } from "./pricing-summary";

export function ModelTable({
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
  const allOn = items.length > 0 && items.every((m) => selected.has(m.id));
  return (
    <div className={`${table.wrap} hidden lg:block`}>
      <table className={table.table}>
        <caption className="sr-only">模型列表</caption>
        <thead>
          <tr>
            <th scope="col" className={`${table.th} w-8`}>
              <input
                type="checkbox"
                aria-label="全选当前列表"
                checked={allOn}
                onChange={(e) =>
                  onSelect(
                    items.map((m) => m.id),
                    e.target.checked,
                  )
                }
                className="size-4 accent-black"
              />
            </th>
            <th scope="col" className={table.th}>
              模型
            </th>
            <th scope="col" className={table.th}>
              服务商
            </th>
            <th scope="col" className={table.th}>
              能力
            </th>
            <th scope="col" className={table.th}>
              价格（积分）
            </th>
            <th scope="col" className={table.th}>
              状态
            </th>
            <th scope="col" className={table.th}>
              <span className="sr-only">操作</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((m) => (
            <tr
              key={m.id}
              data-testid={`model-row-${m.slug}`}
              className={selected.has(m.id) ? "bg-neutral-50" : undefined}
            >
              <td className={table.td}>
                <input
                  type="checkbox"
                  aria-label={`选择 ${m.slug}`}
                  checked={selected.has(m.id)}
                  onChange={(e) => onSelect([m.id], e.target.checked)}
                  className="size-4 accent-black"
                />
              </td>
              <td className={table.td}>
                <div className="font-medium">{m.displayName}</div>
                <div className="font-mono text-xs text-neutral-500">{m.slug}</div>
                {m.upstreamModel !== m.slug && (
                  <div className="font-mono text-xs text-neutral-500">→ {m.upstreamModel}</div>
                )}
              </td>
              <td className={`${table.td} text-xs`}>
                {providers.get(m.providerId)?.name ?? m.providerSlug}
              </td>
              <td className={table.td}>
                <div className="flex flex-wrap gap-1">
                  {m.capabilities.map((c) => (
                    <span
                      key={c}
                      className="rounded border border-neutral-300 px-1.5 text-xs whitespace-nowrap"
                    >
                      {CAPABILITY_LABEL[c] ?? c}
                    </span>
                  ))}
                </div>
              </td>
              <td className={`${table.td} text-xs text-neutral-700`}>
                {pricingSummary(m.pricing)}
              </td>
              <td className={table.td}>
                <EnabledBadge enabled={m.enabled} />
              </td>
              <td className={`${table.td} whitespace-nowrap`}>
                <EditDeleteActions
                  name={m.slug}
                  onEdit={() => onEdit(m)}
                  onDelete={() => onDelete(m)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
