"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import {
  assetsApiUrl,
  type CardAsset,
  type FeedParams,
  toCardAsset,
} from "@/lib/gallery/feed-params";
import { buttonClass } from "@/components/ui/styles";
import { BrickCard } from "./BrickCard";
import type { CardActionHooks } from "./CardActions";
import { EmptyState } from "./EmptyState";
import { ErrorState } from "./ErrorState";
import { Masonry } from "./Masonry";
import { SkeletonCard } from "./SkeletonCard";

export type FeedPage = { items: CardAsset[]; nextCursor: string | null };

type Props = {
  params: FeedParams;
  initialItems: CardAsset[];
  initialCursor: string | null;
  signedIn: boolean;
  resetHref?: string;
  /** Loads the page after `cursor`; defaults to same-origin GET /api/assets (the /mobile shell passes its own). */
  fetchPage?: (cursor: string) => Promise<FeedPage>;
  cardHooks?: CardActionHooks;
};

async function fetchSameOrigin(params: FeedParams, cursor: string): Promise<FeedPage> {
  const res = await fetch(assetsApiUrl(params, cursor), {
    headers: { accept: "application/json" },
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as FeedPage;
}

type Status = "idle" | "loading" | "error";

// The first page arrives server-rendered; later pages come from GET /api/assets, either when the
// sentinel below the grid nears the viewport or when 加载更多 is pressed. Remounted (by key) when
// the filters change, so state never mixes two queries.
export function GalleryFeed({
  params,
  initialItems,
  initialCursor,
  signedIn,
  resetHref,
  fetchPage,
  cardHooks,
}: Props) {
  const [items, setItems] = useState(initialItems);
  const [cursor, setCursor] = useState(initialCursor);
  const [status, setStatus] = useState<Status>("idle");
  const loading = useRef(false);
  const sentinel = useRef<HTMLDivElement>(null);

  const loadMore = useCallback(async () => {
    if (loading.current || !cursor) return;
    loading.current = true;
    setStatus("loading");
    try {
      const page = fetchPage ? await fetchPage(cursor) : await fetchSameOrigin(params, cursor);
      setItems((prev) => {
        const seen = new Set(prev.map((a) => a.id));
        return [...prev, ...page.items.filter((a) => !seen.has(a.id)).map(toCardAsset)];
      });
      setCursor(page.nextCursor);
      setStatus("idle");
    } catch {
      setStatus("error");
    } finally {
      loading.current = false;
    }
  }, [cursor, params, fetchPage]);

  useEffect(() => {
    const el = sentinel.current;
    // After an error only the 重试 button loads again, so a dead network is not hammered.
    if (!el || !cursor || status === "error") return;
    const io = new IntersectionObserver(([entry]) => entry.isIntersecting && loadMore(), {
      rootMargin: "400px 0px",
    });
    io.observe(el);
    return () => io.disconnect();
  }, [cursor, status, loadMore]);

  if (items.length === 0) return <EmptyState resetHref={resetHref} />;

  return (
    <>
      <Masonry label="作品列表">
        {items.map((asset, i) => (
          <BrickCard key={asset.id} asset={asset} index={i} signedIn={signedIn} hooks={cardHooks} />
        ))}
      </Masonry>
      {status === "loading" && (
        <div
          role="status"
          className="mt-1 columns-2 gap-3 sm:columns-3 sm:gap-4 lg:columns-4 xl:columns-5"
        >
          <span className="sr-only">正在加载更多作品…</span>
          {Array.from({ length: 5 }, (_, i) => (
            <SkeletonCard key={i} index={i + items.length} />
          ))}
        </div>
      )}
      <div ref={sentinel} className="mt-6 flex min-h-12 flex-col items-center justify-center">
        {status === "error" ? (
          <ErrorState onRetry={loadMore} />
        ) : cursor ? (
          <button
            type="button"
            onClick={loadMore}
            disabled={status === "loading"}
            className={buttonClass("outline")}
          >
            {status === "loading" ? "加载中…" : "加载更多"}
          </button>
        ) : (
          <p className="text-sm text-neutral-500">已经到底了 · 共 {items.length} 件作品</p>
        )}
      </div>
    </>
  );
}
