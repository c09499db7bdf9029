"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { Asset } from "@/lib/assets/schemas";
import { HttpError } from "@/lib/http";
import { useSession } from "./session";

type Page = { items: Asset[]; nextCursor: string | null };
type Filters = { type: "all" | "image" | "video"; sort: "hot" | "new" };

const TYPES = [
  { value: "all", label: "全部" },
  { value: "image", label: "图片" },
  { value: "video", label: "视频" },
] as const;
const SORTS = [
  { value: "hot", label: "热门" },
  { value: "new", label: "最新" },
] as const;

export function FeedTab({ onNeedSignIn }: { onNeedSignIn: () => void }) {
  const { session } = useSession();
  const [filters, setFilters] = useState<Filters>({ type: "all", sort: "hot" });
  const viewer = session.status === "signedIn" ? session.user.id : session.status;
  return (
    <div className="px-3 pb-6">
      <div className="sticky top-0 z-10 -mx-3 flex items-center justify-between gap-2 bg-white/95 px-3 py-2 backdrop-blur">
        <div role="group" aria-label="类型" className="flex gap-1.5">
          {TYPES.map((o) => (
            <button key={o.value} type="button" aria-pressed={filters.type === o.value} onClick={() => setFilters({ ...filters, type: o.value })} className={chip(filters.type === o.value)}>
              {o.label}
            </button>
          ))}
        </div>
        <div role="group" aria-label="排序" className="flex gap-1.5">
          {SORTS.map((o) => (
            <button key={o.value} type="button" aria-pressed={filters.sort === o.value} onClick={() => setFilters({ ...filters, sort: o.value })} className={chip(filters.sort === o.value)}>
              {o.label}
            </button>
          ))}
        </div>
      </div>
      {/* Remounted per query and per viewer (favored flags depend on who asks), so pages never mix. */}
      {session.status !== "loading" && <FeedList key={`${filters.type}:${filters.sort}:${viewer}`} filters={filters} onNeedSignIn={onNeedSignIn} />}
    </div>
  );
}

function FeedList({ filters, onNeedSignIn }: { filters: Filters; onNeedSignIn: () => void }) {
  const { http, session } = useSession();
  const [items, setItems] = useState<Asset[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [status, setStatus] = useState<"loading" | "idle" | "error">("loading");
  const [error, setError] = useState("");
  const sentinel = useRef<HTMLDivElement>(null);
  const busy = useRef(false);
  const signedIn = session.status === "signedIn";

  const request = useCallback(
    (after: string | null) => http.json<Page>("/api/assets", { query: { ...filters, cursor: after, limit: 20 } }),
    [http, filters],
  );
  const apply = useCallback((page: Page) => {
    setItems((prev) => {
      const seen = new Set(prev.map((a) => a.id));
      return [...prev, ...page.items.filter((a) => !seen.has(a.id))];
    });
    setCursor(page.nextCursor);
    setStatus("idle");
  }, []);
  const fail = useCallback((err: unknown) => {
    setError(err instanceof HttpError ? err.message : "加载失败");
    setStatus("error");
  }, []);

  const loadMore = useCallback(() => {
    if (busy.current) return;
    busy.current = true;
    setStatus("loading");
    request(items.length ? cursor : null)
      .then(apply, fail)
      .finally(() => (busy.current = false));
  }, [request, apply, fail, cursor, items.length]);

  useEffect(() => {
    let live = true;
    request(null).then(
      (page) => live && apply(page),
      (err) => live && fail(err),
    );
    return () => {
      live = false;
    };
  }, [request, apply, fail]);

  useEffect(() => {
    const el = sentinel.current;
    // After an error only 重试 loads again, so a dead network is not hammered.
    if (!el || !cursor || status !== "idle") return;
    const io = new IntersectionObserver(([e]) => e.isIntersecting && loadMore(), { rootMargin: "600px 0px" });
    io.observe(el);
    return () => io.disconnect();
  }, [cursor, status, loadMore]);

  async function toggleFavorite(asset: Asset) {
    if (!signedIn) return onNeedSignIn();
    const next = !asset.favored;
    const patch = (favored: boolean) => setItems((list) => list.map((a) => (a.id === asset.id ? { ...a, favored } : a)));
    patch(next);
    try {
      const res = await http.json<{ favored: boolean }>("/api/favorites/toggle", { body: { assetId: asset.id } });
      patch(res.favored);
    } catch {
      patch(!next);
    }
  }

  return (
    <>
      <div role="list" aria-label="作品列表" className="columns-2 gap-3">
        {items.map((a) => (
          <article key={a.id} role="listitem" data-asset-id={a.id} className="mb-4 break-inside-avoid">
            <img src={http.media(a.coverUrl)} alt={a.title} width={a.width} height={a.height} loading="lazy" className="w-full rounded-xl bg-neutral-100" />
            <h3 className="mt-1.5 line-clamp-1 text-sm font-medium">{a.title}</h3>
            <button type="button" aria-pressed={a.favored ?? false} aria-label={`收藏「${a.title}」`} onClick={() => void toggleFavorite(a)} className={chip(a.favored ?? false)}>
              收藏
            </button>
          </article>
        ))}
      </div>
      <div ref={sentinel} className="flex min-h-12 flex-col items-center justify-center py-4">
        {status === "error" ? (
          <div role="alert" className="flex flex-col items-center gap-3">
            <p className="text-sm">{error}</p>
            <button type="button" onClick={loadMore} className={chip(true)}>
              重试
            </button>
          </div>
        ) : status === "loading" ? (
          <p role="status" className="text-sm text-neutral-500">加载中…</p>
        ) : !cursor ? (
          <p className="text-sm text-neutral-500">{items.length ? `已经到底了 · 共 ${items.length} 件作品` : "没有符合条件的作品"}</p>
        ) : null}
      </div>
    </>
  );
}

function chip(active: boolean) {
  return `inline-flex h-8 items-center rounded-full border px-3 text-sm ${active ? "border-black bg-black text-white" : "border-neutral-300 text-neutral-700"}`;
}
