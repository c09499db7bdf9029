"use client";

// Progress of a run, step by step: what each step is doing, how far it is, and what it held and
// charged. Announced politely as it changes.

export type StepStatus = {
  label: string;
  status: string;
  progress: number;
  held: number;
  charged: number;
  error: string | null;
};

const STATUS: Record<string, string> = {
  queued: "等待中",
  in_progress: "处理中",
  completed: "已完成",
  failed: "失败",
  cancelled: "已取消",
};

export function RunStatus({
  steps,
  onCancel,
  busy,
}: {
  steps: StepStatus[];
  onCancel?: () => void;
  busy: boolean;
}) {
  if (!steps.length) return null;
  return (
    <section aria-label="处理进度" className="flex flex-col gap-2">
      <ol className="flex flex-col gap-2" aria-live="polite">
        {steps.map((s, i) => {
          const pct =
            s.status === "completed"
              ? 100
              : s.status === "in_progress"
                ? Math.max(5, s.progress)
                : s.progress;
          return (
            <li
              key={i}
              data-testid="run-step"
              data-status={s.status}
              className="rounded-lg border border-neutral-200 px-3 py-2 text-sm"
            >
              <div className="flex items-baseline justify-between gap-2">
                <span className="font-medium">
                  {steps.length > 1 ? `第 ${i + 1} 步 · ` : ""}
                  {s.label}
                </span>
                <span className="shrink-0 text-xs" data-testid="run-step-status">
                  {STATUS[s.status] ?? s.status}
                </span>
              </div>
              <div
                role="progressbar"
                aria-label={`${s.label}进度`}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={pct}
                className="mt-1.5 h-1.5 overflow-hidden rounded-full bg-neutral-200"
              >
                <div
                  className={`h-full bg-neutral-900 transition-[width] ${s.status === "in_progress" ? "animate-pulse" : ""}`}
                  style={{ width: `${pct}%` }}
                />
              </div>
              <p className="mt-1 text-xs text-neutral-500">
                {s.status === "completed"
                  ? `实扣 ${s.charged} 积分`
                  : s.status === "failed" || s.status === "cancelled"
                    ? `已退还 ${s.held} 积分`
                    : `预扣 ${s.held} 积分`}
                {s.error ? <span className="ml-1 text-neutral-900">· {s.error}</span> : null}
              </p>
            </li>
          );
        })}
      </ol>
      {!busy && steps.length > 1 ? (
        <p className="text-sm" data-testid="run-total">
          合计实扣{" "}
          <strong className="tabular-nums">{steps.reduce((n, s) => n + s.charged, 0)}</strong> 积分
        </p>
      ) : null}
      {busy && onCancel ? (
        <button
          type="button"
          onClick={onCancel}
          className="self-start text-sm underline underline-offset-2"
        >
          停止（未完成的步骤退还积分）
        </button>
      ) : null}
    </section>
  );
}
