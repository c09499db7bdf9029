"use client";

import { useCallback, useEffect, useState } from "react";
import { adminApi, errorText, queryString } from "../api";
import { Empty, ErrorNote, Loading, Notice } from "../common/States";
import { btn, input } from "../common/styles";
import { useResource } from "../common/useResource";
import { useDebounced } from "../models/useDebounced";
import { type AdminTask, STATUS_LABEL, TaskCard } from "./TaskCard";

type Page = { items: AdminTask[]; nextCursor: string | null };

/** Every user's generations: filter by status, user and model; errors; cancel with refund. */
export function TasksPanel() {
  const [status, setStatus] = useState("");
  const [user, setUser] = useState("");
  const [model, setModel] = useState("");
  const userQ = useDebounced(user.trim(), 300);
  const modelQ = useDebounced(model.trim(), 300);
  // Pages loaded with "more" belong to the filters they were loaded under.
  const [extra, setMore] = useState<(Page & { key: string }) | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  const filters = { status, user: userQ, model: modelQ, limit: "30" };
  const load = useCallback(
    (signal: AbortSignal) =>
      adminApi<Page>(
        `/api/admin/tasks${queryString({ status, user: userQ, model: modelQ, limit: "30" })}`,
        {
          signal,
        },
      ),
    [status, userQ, modelQ],
  );
  const first = useResource(load);
  const key = JSON.stringify([status, userQ, modelQ]);
  const more = extra?.key === key ? extra : null;
  const items = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  const nextCursor = more ? more.nextCursor : (first.data?.nextCursor ?? null);
  const anyLive = items.some((t) => t.status === "queued" || t.status === "in_progress");

  // Running tasks move on their own: refresh while any is live.
  const { reload } = first;
  useEffect(() => {
    if (!anyLive) return;
    const timer = setInterval(reload, 3000);
    return () => clearInterval(timer);
  }, [anyLive, reload]);

  async function loadMore() {
    if (!nextCursor) return;
    try {
      const page = await adminApi<Page>(
        `/api/admin/tasks${queryString({ ...filters, cursor: nextCursor })}`,
      );
      setMore({ key, items: [...(more?.items ?? []), ...page.items], nextCursor: page.nextCursor });
    } catch (err) {
      setActionError(errorText(err));
    }
  }

  async function cancel(task: AdminTask) {
    setBusyId(task.id);
    setActionError(null);
    try {
      await adminApi(`/api/admin/tasks/${encodeURIComponent(task.id)}/cancel`, { method: "POST" });
      setNotice(`已取消任务，退还 ${task.credits.held} 积分`);
      setMore(null);
      first.reload();
    } catch (err) {
      setActionError(errorText(err));
    } finally {
      setBusyId(null);
    }
  }

  return (
    <section aria-labelledby="tasks-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h2 id="tasks-heading" className="text-base font-semibold">
            生成任务
          </h2>
          <p className="text-xs text-neutral-500">
            所有用户的图片与视频生成；取消进行中的任务会全额退还积分。
          </p>
        </div>
        <button
          type="button"
          className={btn.secondary}
          onClick={() => first.reload()}
          disabled={first.loading}
        >
          刷新
        </button>
      </div>
      <div className="grid gap-2 sm:grid-cols-3">
        <label className="flex flex-col gap-1 text-xs text-neutral-600">
          状态
          <select
            className={input}
            value={status}
            onChange={(e) => setStatus(e.target.value)}
            aria-label="按状态筛选"
          >
            <option value="">全部</option>
            {Object.entries(STATUS_LABEL).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs text-neutral-600">
          用户
          <input
            className={input}
            value={user}
            onChange={(e) => setUser(e.target.value)}
            placeholder="邮箱或用户 ID"
            aria-label="按用户筛选"
          />
        </label>
        <label className="flex flex-col gap-1 text-xs text-neutral-600">
          模型
          <input
            className={input}
            value={model}
            onChange={(e) => setModel(e.target.value)}
            placeholder="模型 slug，如 mock-video"
            aria-label="按模型筛选"
          />
        </label>
      </div>
      <Notice message={notice} />
      {actionError && <ErrorNote message={actionError} />}
      {first.error && <ErrorNote message={first.error} onRetry={() => first.reload()} />}
      {first.loading && !first.data ? (
        <Loading />
      ) : first.data && items.length === 0 ? (
        <Empty title="没有符合条件的任务" hint="用户生成图片或视频后，这里会出现记录。" />
      ) : (
        <div className="flex flex-col gap-2">
          {items.map((t) => (
            <TaskCard key={t.id} task={t} onCancel={cancel} busy={busyId === t.id} />
          ))}
        </div>
      )}
      {nextCursor && (
        <button type="button" className={`${btn.secondary} self-center`} onClick={loadMore}>
          加载更多
        </button>
      )}
    </section>
  );
}
