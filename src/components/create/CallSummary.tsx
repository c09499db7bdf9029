"use client";

import { type Operation, operationLabel } from "@/lib/operations/registry";

export type CallOperation = Operation;

export type CallRecord = {
  model: string;
  modelName: string;
  operation: CallOperation;
  credits: number | null;
  latencyMs: number;
  outcome: "running" | "success" | "stopped" | "failed";
};

const OUTCOME: Record<CallRecord["outcome"], string> = {
  running: "进行中",
  success: "完成",
  stopped: "已停止",
  failed: "失败",
};

/** The running or last call: model, type (in words), credits charged and latency. */
export function CallSummary({ record }: { record: CallRecord | null }) {
  return (
    <section aria-label="调用总结" aria-live="polite" className="min-h-0">
      {record ? (
        <dl className="grid grid-cols-3 gap-x-4 gap-y-2 rounded-lg border border-neutral-200 bg-neutral-50 px-3 py-2 text-xs sm:grid-cols-5">
          <Item label="模型" value={`${record.modelName}`} title={record.model} />
          <Item label="类型" value={operationLabel(record.operation)} />
          <Item
            label="消耗积分"
            value={
              record.outcome === "running"
                ? "—"
                : record.credits === null
                  ? "结算中"
                  : String(record.credits)
            }
            testId="summary-credits"
          />
          <Item
            label="耗时"
            value={record.outcome === "running" ? "…" : formatLatency(record.latencyMs)}
          />
          <Item label="状态" value={OUTCOME[record.outcome]} />
        </dl>
      ) : null}
    </section>
  );
}

function Item({
  label,
  value,
  title,
  testId,
}: {
  label: string;
  value: string;
  title?: string;
  testId?: string;
}) {
  return (
    <div className="min-w-0">
      <dt className="text-neutral-500">{label}</dt>
      <dd className="truncate font-medium text-neutral-900" title={title} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

export function formatLatency(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}
