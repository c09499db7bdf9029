"use client";

import { operationLabel } from "@/lib/operations/registry";
import { btn, formatTime } from "../common/styles";

export type AdminTask = {
  id: string;
  kind: string;
  model: string;
  status: string;
  progress: number;
  input: { prompt: string; params: Record<string, unknown> };
  outputs: { url: string; type: "video" | "image"; thumbnailUrl?: string }[];
  credits: { held: number; charged: number };
  error: { code: string; message: string } | null;
  createdAt: string;
  finishedAt: string | null;
  userEmail: string | null;
  provider: string;
  attempts: number;
  deleted: boolean;
};

export const STATUS_LABEL: Record<string, string> = {
  queued: "排队中",
  in_progress: "生成中",
  completed: "已完成",
  failed: "失败",
  cancelled: "已取消",
};

const live = (status: string) => status === "queued" || status === "in_progress";

/** One task: who, what, how far, what it cost, what went wrong; its output and a cancel. */
export function TaskCard({
  task,
  onCancel,
  busy,
}: {
  task: AdminTask;
  onCancel: (t: AdminTask) => void;
  busy: boolean;
}) {
  const out = task.outputs[0];
  return (
    <article
      aria-label={`任务 ${task.id}`}
      data-status={task.status}
      className="flex flex-col gap-2 rounded-lg border border-neutral-200 p-3 sm:flex-row"
    >
      {out && (
        <div className="w-full shrink-0 sm:w-40">
          {out.type === "video" ? (
            <video
              src={out.url}
              poster={out.thumbnailUrl}
              controls
              muted
              playsInline
              preload="metadata"
              className="aspect-square w-full rounded bg-black object-contain"
            />
          ) : (
            <img src={out.url} alt={task.input.prompt} className="w-full rounded object-cover" />
          )}
        </div>
      )}
      <div className="flex min-w-0 flex-1 flex-col gap-1 text-sm">
        <div className="flex flex-wrap items-center gap-2">
          <span
            className={`rounded-full border px-2 py-0.5 text-xs ${
              task.status === "completed"
                ? "border-black bg-black text-white"
                : task.status === "failed"
                  ? "border-black border-dashed"
                  : "border-neutral-300 text-neutral-600"
            }`}
          >
            {STATUS_LABEL[task.status] ?? task.status}
          </span>
          <span className="font-medium">{operationLabel(task.kind)}</span>
          <span className="text-neutral-500">
            {task.model} · {task.provider}
          </span>
          {task.deleted && <span className="text-xs text-neutral-400">（用户已删除）</span>}
        </div>
        <p className="line-clamp-2 break-words text-neutral-800">{task.input.prompt}</p>
        {live(task.status) && (
          <div
            role="progressbar"
            aria-valuenow={task.progress}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-label="进度"
            className="h-1.5 w-full overflow-hidden rounded bg-neutral-200"
          >
            <div className="h-full bg-black" style={{ width: `${task.progress}%` }} />
          </div>
        )}
        {task.error && (
          <p className="rounded border border-dashed border-black px-2 py-1 text-xs">
            <strong className="mr-1">{task.error.code}</strong>
            {task.error.message}
          </p>
        )}
        <p className="text-xs text-neutral-500">
          {task.userEmail ?? "未知用户"} · 预扣 {task.credits.held} · 实扣 {task.credits.charged}{" "}
          积分 · 重试 {task.attempts} 次 · {formatTime(task.createdAt)}
          {task.finishedAt ? ` → ${formatTime(task.finishedAt)}` : ""}
        </p>
        <p className="font-mono text-[11px] break-all text-neutral-400">{task.id}</p>
      </div>
      {live(task.status) && (
        <div className="flex shrink-0 items-start">
          <button
            type="button"
            className={btn.danger}
            onClick={() => onCancel(task)}
            disabled={busy}
          >
            {busy ? "取消中…" : "取消并退款"}
          </button>
        </div>
      )}
    </article>
  );
}
