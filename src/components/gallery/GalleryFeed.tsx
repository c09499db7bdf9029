"use client";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/styles";
import {
  assetsApiUrl,
  type CardAsset,
  type FeedParams,
  toCardAsset,
} from "@/lib/gallery/feed-params";
import { useSignedIn } from "@/lib/client/viewer";
import { layoutWall } from "@/lib/gallery/masonry";
import { BrickCard } from "./BrickCard";
import { type CardActionHooks, CardHooksContext, FeedContext, type FeedHandle } from "./card-hooks";
import { EmptyState } from "./EmptyState";
import { ErrorState } from "./ErrorState";
import {
  pagePath,
  peekResume,
  placeRestored,
  type Resume,
  saveResume,
  scrollParent,
  topInScroller,
} from "./resume";
import { useSoftNav } from "./soft-nav";
import { Wall } from "./Wall";

export type FeedPage = { items: CardAsset[]; nextCursor: string | null };

/** Where later pages come from on the site (serialisable, so server pages can pass it). */
export type FeedSource =
  { kind: "assets"; params: FeedParams } | { kind: "favorites" } | { kind: "mine" };

function sourceUrl(source: FeedSource, cursor: string | null, limit: number): string {
  if (source.kind === "assets") return assetsApiUrl(source.params, cursor, limit);
  const q = new URLSearchParams({ limit: String(limit) });
  if (cursor) q.set("cursor", cursor);
  return `${source.kind === "favorites" ? "/api/favorites" : "/api/me/works"}?${q}`;
}

async function fetchSameOrigin(source: FeedSource, cursor: string, limit: number) {
  const res = await fetch(sourceUrl(source, cursor, limit), {
    headers: { accept: "application/json" },
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as FeedPage;
}

type Props = {
  source: FeedSource;
  /** The first page: rendered on the server with the page, hydrated here. */
  initialItems: CardAsset[];
  initialCursor: string | null;
  /** Unset: rendered without a viewer (see ServerFeed). */
  signedIn?: boolean;
  label?: string;
  empty?: React.ReactNode;
  /** Loads the page after `cursor` (the /mobile shell passes its own); default: same-origin API. */
  fetchPage?: (cursor: string, limit: number) => Promise<FeedPage>;
  /** What a sign-in round trip comes back to; default: this page's URL. */
  scope?: string;
  cardHooks?: CardActionHooks;
  /** 我的作品: cards carry the author's 下架 / 重新发布. */
  owner?: boolean;
};

type Status = "idle" | "loading" | "error";

const PAGE = 20;
const RESUME_PAGE = 50;

// The first page comes with the page: its cards in the server's HTML, its items in the RSC payload
// (smaller, and cheaper to render, than every card's element tree; README, Performance). Later
// pages come from the API, either when the sentinel below the wall nears the viewport or when
// 加载更多 is pressed. Cards are placed in rank order by src/lib/gallery/masonry.ts; a new page only
// adds to the bottom of the columns.
export function GalleryFeed({
  source,
  initialItems,
  initialCursor,
  signedIn,
  label = "作品列表",
  empty,
  fetchPage,
  scope: scopeProp,
  cardHooks,
  owner,
}: Props) {
  const [items, setItems] = useState(initialItems);
  // How many cards came with the page (the feed is remounted per query).
  const [firstCount] = useState(initialItems.length);
  const [cursor, setCursor] = useState(initialCursor);
  const [status, setStatus] = useState<Status>("idle");
  const [restoring, setRestoring] = useState<Resume | null>(null);
  const loading = useRef(false);
  const sentinel = useRef<HTMLDivElement>(null);
  const wallBox = useRef<HTMLDivElement>(null);
  const layout = useMemo(() => layoutWall(items), [items]);
  const softNav = useSoftNav();
  const viewerSignedIn = useSignedIn();

  const load = useCallback(
    (after: string, limit: number) =>
      fetchPage ? fetchPage(after, limit) : fetchSameOrigin(source, after, limit),
    [fetchPage, source],
  );

  const append = useCallback((page: FeedPage) => {
    setItems((prev) => {
      const seen = new Set(prev.map((a) => a.id));
      return [...prev, ...page.items.filter((a) => !seen.has(a.id)).map(toCardAsset)];
    });
    setCursor(page.nextCursor);
  }, []);

  const loadMore = useCallback(async () => {
    if (loading.current || !cursor) return;
    loading.current = true;
    setStatus("loading");
    try {
      append(await load(cursor, PAGE));
      setStatus("idle");
    } catch {
      setStatus("error");
    } finally {
      loading.current = false;
    }
  }, [cursor, load, append]);

  useEffect(() => {
    const el = sentinel.current;
    // After an error only the 重试 button loads again, so a dead network is not hammered.
    // While a sign-in round trip is being restored, the restore loads the pages itself.
    if (!el || !cursor || status === "error" || restoring) return;
    const io = new IntersectionObserver(([entry]) => entry.isIntersecting && loadMore(), {
      rootMargin: "400px 0px",
    });
    io.observe(el);
    return () => io.disconnect();
  }, [cursor, status, loadMore, restoring]);

  const scope = useCallback(() => scopeProp ?? pagePath(), [scopeProp]);

  const handle = useMemo<FeedHandle>(
    () => ({
      get scope() {
        return scope();
      },
      rememberForSignIn(assetId, favorite) {
        const card = wallBox.current?.querySelector(`[data-asset-id="${CSS.escape(assetId)}"]`);
        saveResume({
          scope: scope(),
          count: wallBox.current?.querySelectorAll("[data-asset-id]").length ?? 0,
          anchorId: card ? assetId : null,
          anchorTop: card ? topInScroller(card) : 0,
          favorite: favorite ? assetId : null,
        });
      },
    }),
    [scope],
  );

  // Back from a sign-in that a card sent the visitor to: load as many cards as were shown, then
  // put the touched card back where it was on screen. The card applies its favorite itself.
  useEffect(() => {
    const saved = peekResume(scope());
    if (!saved || !saved.anchorId) return;
    let live = true;
    void (async () => {
      let after = initialCursor;
      let count = firstCount;
      try {
        while (live && after && count < saved.count) {
          const page = await load(after, Math.min(RESUME_PAGE, saved.count - count));
          append(page);
          count += page.items.length;
          after = page.nextCursor;
        }
      } catch {
        setStatus("error");
      }
      if (live) setRestoring(saved);
    })();
    return () => {
      live = false;
    };
    // Once per mount: the saved place belongs to the first render of this feed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useLayoutEffect(() => {
    if (!restoring) return;
    const box = wallBox.current;
    const put = () => {
      const card = restoring.anchorId
        ? box?.querySelector(`[data-asset-id="${CSS.escape(restoring.anchorId)}"]`)
        : null;
      if (card) scrollParent(card).scrollBy({ top: topInScroller(card) - restoring.anchorTop });
      placeRestored(restoring.scope);
      setRestoring(null);
    };
    // A feed in a hidden tab (the /mobile shell signs in on another tab) has no size yet: wait
    // until it is shown.
    if (!box || box.getClientRects().length > 0) return put();
    const ro = new ResizeObserver(() => {
      if (box.getClientRects().length === 0) return;
      ro.disconnect();
      put();
    });
    ro.observe(box);
    return () => ro.disconnect();
  }, [restoring]);

  if (items.length === 0) return <>{empty ?? <EmptyState />}</>;

  const card = (asset: CardAsset, i: number) => (
    <BrickCard
      key={asset.id}
      asset={asset}
      index={i}
      // A page that is the same for everyone (signedIn unset) sent its cards without the viewer:
      // they ask the viewer store for their hearts. Pages from the API carry the viewer's
      // favorites already; only the sign-in state is needed.
      signedIn={signedIn ?? (i < firstCount ? undefined : (viewerSignedIn ?? undefined))}
      vars={layout.bricks[i]}
      href={cardHooks?.workHref?.(asset.id)}
      reuse={cardHooks?.reuse !== false}
      owner={owner}
    />
  );
  return (
    <FeedContext.Provider value={handle}>
      <CardHooksContext.Provider value={cardHooks ?? NO_HOOKS}>
        {/* Routes the plain card links' clicks (see soft-nav.tsx); the links are the controls. */}
        <div ref={wallBox} onClick={softNav}>
          <Wall label={label} vars={layout.wall}>
            {items.map(card)}
          </Wall>
        </div>
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
          <span role="status" className="sr-only">
            {status === "loading" ? "正在加载更多作品…" : ""}
          </span>
        </div>
      </CardHooksContext.Provider>
    </FeedContext.Provider>
  );
}

const NO_HOOKS: CardActionHooks = {};
