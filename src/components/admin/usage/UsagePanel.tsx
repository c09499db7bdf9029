"use client";
import Link from "next/link";
import { useCallback, useState } from "react";
import { chipClass } from "@/components/ui/styles";
import type { UsageReport, UsageTotals } from "@/lib/admin/usage-schemas";
import { adminApi } from "../api";
import { Empty, ErrorNote, Loading } from "../common/States";
import { btn, table } from "../common/styles";
import { useResource } from "../common/useResource";
import { DailyCharts, ShareChart } from "./UsageCharts";

const RANGES = [7, 30, 90] as const;

function Totals({ t }: { t: UsageTotals }) {
  const cells: [string, string | number][] = [
    ["调用", t.calls],
    ["失败", t.errors],
    ["消耗积分", t.credits],
    ["平均耗时", `${t.avgLatencyMs} ms`],
  ];
  return (
    <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
      {cells.map(([label, value]) => (
        <div key={label} className="rounded-lg border border-neutral-200 px-3 py-2">
          <dt className="text-xs text-neutral-500">{label}</dt>
          <dd className="text-lg font-semibold tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function BreakdownTable<T extends UsageTotals>({
  caption,
  rows,
  name,
}: {
  caption: string;
  rows: T[];
  name: (row: T) => React.ReactNode;
}) {
  return (
    <div className={table.wrap}>
      <table className={`${table.table} min-w-[480px]`}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {[caption, "调用", "失败", "积分", "平均耗时"].map((h) => (
              <th key={h} scope="col" className={table.th}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td className={table.td}>{name(r)}</td>
              <td className={`${table.td} tabular-nums`}>{r.calls}</td>
              <td className={`${table.td} tabular-nums`}>{r.errors}</td>
              <td className={`${table.td} tabular-nums`}>{r.credits}</td>
              <td className={`${table.td} tabular-nums`}>{r.avgLatencyMs} ms</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** 用量: calls, errors, credits and latency by day, model and provider; top users; CSV. */
export function UsagePanel() {
  const [days, setDays] = useState<number>(30);
  const load = useCallback(
    (signal: AbortSignal) => adminApi<UsageReport>(`/api/admin/usage?days=${days}`, { signal }),
    [days],
  );
  const { data, error, loading, reload } = useResource(load);

  return (
    <section aria-labelledby="usage-heading" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="usage-heading" className="text-base font-semibold">
          用量
        </h2>
        <div className="flex flex-wrap items-center gap-2">
          <div role="group" aria-label="时间范围" className="flex gap-1">
            {RANGES.map((d) => (
              <button
                key={d}
                type="button"
                aria-pressed={days === d}
                className={chipClass(days === d)}
                onClick={() => setDays(d)}
              >
                近 {d} 天
              </button>
            ))}
          </div>
          <a href={`/api/admin/usage/export?days=${days}`} className={btn.secondary} download>
            导出 CSV
          </a>
        </div>
      </div>
      {error && <ErrorNote message={error} onRetry={reload} />}
      {!data && loading && <Loading />}
      {data && (
        <div className={`flex flex-col gap-4 ${loading ? "opacity-60" : ""}`} aria-busy={loading}>
          <p className="text-xs text-neutral-500">
            按 {data.timezone} 的自然日统计，含今天；每次到达模型的调用计一次。
          </p>
          <Totals t={data.totals} />
          {data.totals.calls === 0 ? (
            <Empty title="这段时间还没有调用" hint="用户或 API 密钥发起调用后，这里会显示趋势。" />
          ) : (
            <>
              <DailyCharts report={data} />
              <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
                <ShareChart
                  title="按模型的积分消耗"
                  rows={data.byModel.map((m) => ({ ...m, name: m.model }))}
                />
                <ShareChart
                  title="按服务商的积分消耗"
                  rows={data.byProvider.map((p) => ({ ...p, name: p.provider }))}
                />
              </div>
              <h3 className="text-sm font-semibold">用量最多的用户</h3>
              <BreakdownTable
                caption="用户"
                rows={data.topUsers}
                name={(u) => (
                  <Link
                    href={`/admin/users/${u.userId}`}
                    className="underline-offset-2 hover:underline"
                  >
                    {u.email ?? u.userId}
                  </Link>
                )}
              />
              <h3 className="text-sm font-semibold">按模型</h3>
              <BreakdownTable
                caption="模型"
                rows={data.byModel}
                name={(m) => <span className="font-mono text-xs">{m.model}</span>}
              />
              <h3 className="text-sm font-semibold">按服务商</h3>
              <BreakdownTable caption="服务商" rows={data.byProvider} name={(p) => p.provider} />
              <details>
                <summary className="cursor-pointer text-sm text-neutral-600">逐日明细</summary>
                <div className="mt-2">
                  <BreakdownTable caption="日期" rows={data.byDay} name={(d) => d.day} />
                </div>
              </details>
            </>
          )}
        </div>
      )}
    </section>
  );
}
