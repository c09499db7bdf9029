"use client";
import Link from "next/link";
import { useState } from "react";
import { workUrl } from "@/lib/gallery/work-url";
import { ClientApiError } from "@/lib/client/http";
import {
  cancelTask,
  deleteTask,
  isLiveTask,
  type TaskOutputView,
  type TaskView,
} from "@/lib/client/tasks";
import { operationLabel } from "@/lib/operations/registry";
import { paramsLabel, statusLabel, whenLabel } from "./format";
import { PublishForm } from "./PublishForm";

// One generation: what was asked, where it stands (live), what it made and cost, and what can
// be done with each output.

export type GenerationAction = {
  kind: "reuse" | "edit" | "video";
  task: TaskView;
  output?: TaskOutputView;
};

type Props = {
  task: TaskView;
  now: number;
  onChange: (task: TaskView) => void;
  onRemoved: (id: string) => void;
  onAction?: (action: GenerationAction) => void;
};

const btn =
  "inline-flex min-h-9 items-center rounded-lg border border-neutral-300 px-3 text-xs font-medium hover:border-neutral-900";

/** Where an action goes when the list is not inside the creator (e.g. /me/generations). */
export function actionHref(a: GenerationAction): string {
  const q = new URLSearchParams({ task: a.task.id, as: a.kind });
  if (a.output) q.set("output", String(a.task.outputs.indexOf(a.output)));
  return `/create?${q}`;
}

export function GenerationCard({ task, now, onChange, onRemoved, onAction }: Props) {
  const [publishing, setPublishing] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const live = isLiveTask(task);

  async function act(run: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (err) {
      setError(err instanceof ClientApiError ? err.message : "操作失败，请重试");
    } finally {
      setBusy(false);
    }
  }

  const action = (a: GenerationAction, label: string) =>
    onAction ? (
      <button type="button" className={btn} onClick={() => onAction(a)}>
        {label}
      </button>
    ) : (
      <Link className={btn} href={actionHref(a)}>
        {label}
      </Link>
    );

  const params = paramsLabel(task.input.params);
  return (
    <article
      aria-label={`${operationLabel(task.kind)}：${task.input.prompt.slice(0, 40)}`}
      data-task={task.id}
      className="flex flex-col gap-2 rounded-lg border border-neutral-200 p-3"
    >
      <header className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 text-xs text-neutral-500">
        <span>
          <strong className="font-semibold text-neutral-900">{operationLabel(task.kind)}</strong>
          {" · "}
          {task.model}
          {params ? ` · ${params}` : ""}
        </span>
        <time dateTime={task.createdAt}>{whenLabel(task.createdAt)}</time>
      </header>
      <p className="line-clamp-2 text-sm">{task.input.prompt}</p>
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <span role="status" data-testid="task-status" className="font-medium">
          {statusLabel(task, now)}
        </span>
        {task.status === "completed" ? (
          <span className="text-neutral-500">· 消耗 {task.credits.charged} 积分</span>
        ) : live ? (
          <span className="text-neutral-500">· 预扣 {task.credits.held} 积分</span>
        ) : null}
      </div>
      {live ? (
        <div
          role="progressbar"
          aria-label="生成进度"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={task.progress}
          className="h-1.5 overflow-hidden rounded bg-neutral-200"
        >
          <div
            className="h-full bg-neutral-900 transition-[width]"
            style={{ width: `${Math.max(3, task.progress)}%` }}
          />
        </div>
      ) : null}
      {task.outputs.length ? (
        <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3">
          {task.outputs.map((o, i) => (
            <li key={o.url} className="flex flex-col gap-2">
              {o.type === "video" ? (
                <video
                  src={o.url}
                  poster={o.thumbnailUrl}
                  controls
                  playsInline
                  preload="metadata"
                  aria-label="生成的视频"
                  className="w-full rounded bg-neutral-100"
                />
              ) : (
                <a href={o.url} target="_blank" rel="noreferrer">
                  <img
                    src={o.url}
                    alt={`生成结果 ${i + 1}`}
                    width={o.width}
                    height={o.height}
                    className="h-auto w-full rounded bg-neutral-100 object-contain"
                  />
                </a>
              )}
              <div className="flex flex-wrap gap-1.5">
                {o.assetId ? (
                  <Link className={btn} href={workUrl(o.assetId)}>
                    已发布 · 查看作品
                  </Link>
                ) : (
                  <button
                    type="button"
                    className={btn}
                    onClick={() => setPublishing(publishing === i ? null : i)}
                  >
                    发布到广场
                  </button>
                )}
                <a className={btn} href={o.url} download>
                  下载
                </a>
                {o.type === "image" ? action({ kind: "edit", task, output: o }, "编辑这张") : null}
                {o.type === "image" ? action({ kind: "video", task, output: o }, "生成视频") : null}
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {publishing !== null ? (
        <PublishForm
          task={task}
          output={publishing}
          onCancel={() => setPublishing(null)}
          onDone={(t) => {
            setPublishing(null);
            onChange(t);
          }}
        />
      ) : null}
      {error ? (
        <p role="alert" className="text-xs font-medium">
          {error}
        </p>
      ) : null}
      <footer className="flex flex-wrap gap-1.5">
        {action({ kind: "reuse", task }, "复用参数")}
        {live ? (
          <button
            type="button"
            className={btn}
            disabled={busy}
            onClick={() => act(async () => onChange(await cancelTask(task.id)))}
          >
            取消
          </button>
        ) : null}
        <button
          type="button"
          className={btn}
          disabled={busy}
          onClick={() => {
            const published = task.outputs.some((o) => o.assetId);
            const ask = published
              ? "从我的生成中删除？已发布的作品会保留在广场。"
              : "删除这次生成？文件将无法恢复。";
            if (!window.confirm(ask)) return;
            void act(async () => {
              await deleteTask(task.id);
              onRemoved(task.id);
            });
          }}
        >
          删除
        </button>
      </footer>
    </article>
  );
}
