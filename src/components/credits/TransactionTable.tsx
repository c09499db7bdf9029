import type { CreditTransaction } from "@/lib/client/balance";
import { formatTime, reasonLabel, STATUS_LABEL } from "./reasons";

/** The ledger rows: a table on wide screens, stacked cards on phones. */
export function TransactionTable({ items }: { items: CreditTransaction[] }) {
  return (
    <>
      <table className="hidden w-full border-collapse text-left text-sm sm:table">
        <caption className="sr-only">积分明细，按时间倒序</caption>
        <thead>
          <tr className="border-b border-neutral-300 text-xs text-neutral-500">
            <th scope="col" className="py-2 pr-3 font-medium">
              时间
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              原因
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              模型
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-medium">
              变动
            </th>
            <th scope="col" className="py-2 font-medium">
              状态
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((t) => (
            <tr key={t.id} className="border-b border-neutral-100" data-testid="tx-row">
              <td className="py-2 pr-3 whitespace-nowrap text-neutral-600 tabular-nums">
                {formatTime(t.createdAt)}
              </td>
              <td className="py-2 pr-3">{reasonLabel(t.reason)}</td>
              <td className="py-2 pr-3 text-neutral-600">{t.modelSlug ?? "—"}</td>
              <td className="py-2 pr-3 text-right font-medium tabular-nums">
                <Delta tx={t} />
              </td>
              <td className="py-2">{STATUS_LABEL[t.status] ?? t.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="flex flex-col divide-y divide-neutral-100 sm:hidden">
        {items.map((t) => (
          <li key={t.id} className="flex items-start justify-between gap-3 py-3 text-sm">
            <div className="min-w-0">
              <p className="font-medium">
                {reasonLabel(t.reason)}
                {t.modelSlug ? (
                  <span className="ml-1 font-normal text-neutral-500">· {t.modelSlug}</span>
                ) : null}
              </p>
              <p className="text-xs text-neutral-500 tabular-nums">
                {formatTime(t.createdAt)} · {STATUS_LABEL[t.status] ?? t.status}
              </p>
            </div>
            <span className="shrink-0 font-medium tabular-nums">
              <Delta tx={t} />
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

function Delta({ tx }: { tx: CreditTransaction }) {
  if (tx.status === "failed")
    return <span className="text-neutral-500 line-through">{tx.delta}</span>;
  return <>{tx.delta > 0 ? `+${tx.delta}` : tx.delta}</>;
}
