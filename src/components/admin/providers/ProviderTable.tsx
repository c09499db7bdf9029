"use client";

import { EditDeleteActions, EnabledBadge } from "../common/RowParts";
import { formatTime, table } from "../common/styles";
import { KIND_LABEL, type Provider } from "../types";
import { ConnectionTestButton } from "./ConnectionTestButton";

export function ProviderTable({
  items,
  onEdit,
  onDelete,
}: {
  items: Provider[];
  onEdit: (p: Provider) => void;
  onDelete: (p: Provider) => void;
}) {
  return (
    <div className={`${table.wrap} hidden lg:block`}>
      <table className={table.table}>
        <caption className="sr-only">服务商列表</caption>
        <thead>
          <tr>
            <th scope="col" className={table.th}>
              名称
            </th>
            <th scope="col" className={table.th}>
              标识
            </th>
            <th scope="col" className={table.th}>
              Base URL
            </th>
            <th scope="col" className={table.th}>
              密钥
            </th>
            <th scope="col" className={table.th}>
              状态
            </th>
            <th scope="col" className={table.th}>
              更新时间
            </th>
            <th scope="col" className={table.th}>
              连接
            </th>
            <th scope="col" className={table.th}>
              <span className="sr-only">操作</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr key={p.id} data-testid={`provider-row-${p.slug}`}>
              <td className={table.td}>
                <div className="font-medium">{p.name}</div>
                <div className="text-xs text-neutral-500">{KIND_LABEL[p.kind] ?? p.kind}</div>
              </td>
              <td className={`${table.td} font-mono text-xs`}>{p.slug}</td>
              <td className={`${table.td} max-w-56 truncate font-mono text-xs`} title={p.baseURL}>
                {p.baseURL}
              </td>
              <td className={`${table.td} font-mono text-xs whitespace-nowrap`}>
                {p.hasApiKey ? (
                  `••••${p.apiKeyPreview ?? ""}`
                ) : (
                  <span className="font-sans text-neutral-500">未设置</span>
                )}
              </td>
              <td className={table.td}>
                <EnabledBadge enabled={p.enabled} />
              </td>
              <td className={`${table.td} text-xs whitespace-nowrap text-neutral-500`}>
                {formatTime(p.updatedAt)}
              </td>
              <td className={table.td}>
                <ConnectionTestButton providerId={p.id} providerName={p.name} />
              </td>
              <td className={`${table.td} whitespace-nowrap`}>
                <EditDeleteActions
                  name={p.name}
                  onEdit={() => onEdit(p)}
                  onDelete={() => onDelete(p)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
