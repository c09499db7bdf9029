"use client";

import { formatTime, table } from "../common/styles";
import type { AuditItem } from "../types";
import { actionLabel, diffSummary, targetLabel } from "./diff-summary";

/** Audit rows as cards below lg and as a table above. */
export function AuditList({ items }: { items: AuditItem[] }) {
  return (
    <>
      <ul className="flex flex-col gap-2 lg:hidden" aria-label="审计日志">
        {items.map((a) => (
          <li
            key={a.id}
            className="flex flex-col gap-1 rounded-lg border border-neutral-200 p-3 text-xs"
          >
            <div className="flex items-baseline justify-between gap-2">
              <span className="text-sm font-medium" title={a.action}>
                {actionLabel(a.action)}
              </span>
              <time dateTime={a.createdAt} className="shrink-0 text-neutral-500">
                {formatTime(a.createdAt)}
              </time>
            </div>
            <p className="text-neutral-500">
              {a.actorEmail ?? "系统"}
              {a.ip && ` · ${a.ip}`} · {targetLabel(a.targetType)}
            </p>
            <p className="break-words text-neutral-700">{diffSummary(a.diff)}</p>
          </li>
        ))}
      </ul>
      <div className={`${table.wrap} hidden lg:block`}>
        <table className={table.table}>
          <caption className="sr-only">审计日志</caption>
          <thead>
            <tr>
              <th scope="col" className={table.th}>
                时间
              </th>
              <th scope="col" className={table.th}>
                操作人
              </th>
              <th scope="col" className={table.th}>
                操作
              </th>
              <th scope="col" className={table.th}>
                对象
              </th>
              <th scope="col" className={table.th}>
                变更
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.id}>
                <td className={`${table.td} text-xs whitespace-nowrap text-neutral-500`}>
                  <time dateTime={a.createdAt}>{formatTime(a.createdAt)}</time>
                </td>
                <td className={`${table.td} text-xs`}>
                  <div>{a.actorEmail ?? "系统"}</div>
                  {a.ip && <div className="font-mono text-neutral-500">{a.ip}</div>}
                </td>
                <td className={`${table.td} whitespace-nowrap`} title={a.action}>
                  {actionLabel(a.action)}
                </td>
                <td className={`${table.td} text-xs`}>
                  <div>{targetLabel(a.targetType)}</div>
                  {a.targetId && (
                    <div
                      className="max-w-40 truncate font-mono text-neutral-500"
                      title={a.targetId}
                    >
                      {a.targetId}
                    </div>
                  )}
                </td>
                <td className={`${table.td} max-w-md text-xs break-words text-neutral-700`}>
                  {diffSummary(a.diff)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
