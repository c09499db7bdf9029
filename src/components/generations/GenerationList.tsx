"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { useGenerationsVersion } from "@/lib/client/generations-store";
import { ClientApiError } from "@/lib/client/http";
import { getTask, isLiveTask, listTasks, type TaskView } from "@/lib/client/tasks";
import { type GenerationAction, GenerationCard } from "./GenerationCard";

// My generations: every image and video the user made (GET /api/tasks), newest first, paged.
// Live ones are polled until they end, with their elapsed time ticking; a new generation from
// the creator (notifyGenerations) reloads the first page.

const POLL_MS = 1500;

type Props = {
  pageSize?: number;
  onAction?: (action: GenerationAction) => void;
  /** Shown when there is nothing yet. */
  emptyText?: string;
};

export function GenerationList({ pageSize = 12, onAction, emptyText }: Props) {
  const [items, setItems] = useState<TaskView[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [state, setState] = useState<"loading" | "ready" | "error">("loading");
  const [error, setError] = useState<string | null>(null);
  const [more, setMore] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const version = useGenerationsVersion();
  // The poller and the reload read the list as it is now, not as it was when they were made.
  const itemsRef = useRef(items);
  useEffect(() => {
    itemsRef.current = items;
  }, [items]);

  const loadFirst = useCallback(() => {
    listTasks(null, pageSize).then(
      (page) => {
        setItems((old) => {
          // Keep what was paged in below the first page.
          const ids = new Set(page.items.map((t) => t.id));
          const rest = old.slice(pageSize).filter((t) => !ids.has(t.id));
          return [...page.items, ...rest];
        });
        setCursor((c) => (itemsRef.current.length > pageSize ? c : page.nextCursor));
        setState("ready");
        setError(null);
      },
      (err: unknown) => {
        setState("error");
        setError(err instanceof ClientApiError ? err.message : "加载失败");
      },
    );
  }, [pageSize]);
  useEffect(() => {
    loadFirst();
  }, [loadFirst, version]);

  const anyLive = items.some(isLiveTask);
  useEffect(() => {
    if (!anyLive) return;
    const tick = setInterval(() => setNow(Date.now()), 1000);
    const poll = setInterval(() => {
      for (const t of itemsRef.current.filter(isLiveTask))
        getTask(t.id).then(
          (fresh) => setItems((all) => all.map((x) => (x.id === fresh.id ? fresh : x))),
          () => undefined, // a failed poll is retried on the next tick
        );
    }, POLL_MS);
    return () => {
      clearInterval(tick);
      clearInterval(poll);
    };
  }, [anyLive]);

  async function loadMore() {
    if (!cursor || more) return;
    setMore(true);
    try {
      const page = await listTasks(cursor, pageSize);
      setItems((all) => [...all, ...page.items.filter((t) => !all.some((x) => x.id === t.id))]);
      setCursor(page.nextCursor);
    } catch (err) {
      setError(err instanceof ClientApiError ? err.message : "加载失败");
    } finally {
      setMore(false);
    }
  }

  if (state === "loading") return <p className="text-sm text-neutral-500">正在加载我的生成…</p>;
  if (state === "error" && !items.length)
    return (
      <p role="alert" className="text-sm">
        {error}{" "}
        <button type="button" onClick={loadFirst} className="underline underline-offset-2">
          重试
        </button>
      </p>
    );
  if (!items.length)
    return (
      <p className="rounded-lg border border-dashed border-neutral-300 p-4 text-sm text-neutral-500">
        {emptyText ?? "还没有生成过图片或视频。生成的每一张图、每一段视频都会保存在这里。"}
      </p>
    );
  return (
    <div className="flex flex-col gap-3">
      <ul className="flex flex-col gap-3" aria-label="生成记录">
        {items.map((t) => (
          <li key={t.id}>
            <GenerationCard
              task={t}
              now={now}
              onAction={onAction}
              onChange={(fresh) =>
                setItems((all) => all.map((x) => (x.id === fresh.id ? fresh : x)))
              }
              onRemoved={(id) => setItems((all) => all.filter((x) => x.id !== id))}
            />
          </li>
        ))}
      </ul>
      {error ? (
        <p role="alert" className="text-sm">
          {error}
        </p>
      ) : null}
      {cursor ? (
        <button
          type="button"
          onClick={() => void loadMore()}
          disabled={more}
          className="min-h-10 self-center rounded-lg border border-neutral-300 px-4 text-sm"
        >
          {more ? "加载中…" : "加载更多"}
        </button>
      ) : null}
    </div>
  );
}
