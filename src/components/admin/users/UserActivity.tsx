"use client";
import { TransactionTable } from "@/components/credits/TransactionTable";
import type { CreditTransaction } from "@/lib/client/balance";
import { operationLabel } from "@/lib/operations/registry";
import { Empty, ErrorNote, Loading } from "../common/States";
import { btn, formatTime, table } from "../common/styles";
import type { UsageRow } from "./types";
import { usePaged } from "./usePaged";

function More({ hasMore, busy, onMore }: { hasMore: boolean; busy: boolean; onMore: () => void }) {
  if (!hasMore) return null;
  return (
    <button
      type="button"
      className={`${btn.secondary} self-center`}
      disabled={busy}
      onClick={onMore}
    >
      {busy ? "加载中…" : "加载更多"}
    </button>
  );
}

/** The user's ledger, as they see it on /credits, paged. */
export function UserLedger({ userId, version }: { userId: string; version: number }) {
  const page = usePaged<CreditTransaction>(
    `/api/admin/users/${userId}/transactions?limit=20`,
    version,
  );
  if (page.error) return <ErrorNote message={page.error} onRetry={page.retry} />;
  if (!page.items) return <Loading />;
  if (!page.items.length) return <Empty title="还没有积分记录" />;
  return (
    <div className="flex flex-col gap-3">
      <TransactionTable items={page.items} />
      <More hasMore={page.hasMore} busy={page.busy} onMore={() => void page.more()} />
    </div>
  );
}

/** The user's AI calls (every call that reached a model), paged. */
export function UserUsage({ userId }: { userId: string }) {
  const page = usePaged<UsageRow>(`/api/admin/users/${userId}/usage?limit=20`);
  if (page.error) return <ErrorNote message={page.error} onRetry={page.retry} />;
  if (!page.items) return <Loading />;
  if (!page.items.length) return <Empty title="还没有调用记录" />;
  return (
    <div className="flex flex-col gap-3">
      <div className={table.wrap}>
        <table className={table.table}>
          <caption className="sr-only">调用记录</caption>
          <thead>
            <tr>
              {["时间", "类型", "模型", "结果", "积分", "耗时", "密钥"].map((h) => (
                <th key={h} scope="col" className={table.th}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {page.items.map((r) => (
              <tr key={r.id}>
                <td className={`${table.td} whitespace-nowrap text-neutral-600`}>
                  {formatTime(r.createdAt)}
                </td>
                <td className={table.td}>{operationLabel(r.operation)}</td>
                <td className={table.td}>
                  <span className="font-mono text-xs">{r.modelSlug}</span>
                  <span className="text-xs text-neutral-500"> · {r.providerSlug}</span>
                </td>
                <td className={table.td}>{r.status === "success" ? "成功" : r.status}</td>
                <td className={`${table.td} tabular-nums`}>{r.costCredits}</td>
                <td className={`${table.td} tabular-nums`}>{r.latencyMs} ms</td>
                <td className={table.td}>{r.keyName ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <More hasMore={page.hasMore} busy={page.busy} onMore={() => void page.more()} />
    </div>
  );
}
