"use client";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { CardActionHooks } from "@/components/gallery/CardActions";
import { ErrorState } from "@/components/gallery/ErrorState";
import { SORT_OPTIONS, TYPE_OPTIONS } from "@/components/gallery/filter-options";
import { GalleryFeed, type FeedPage } from "@/components/gallery/GalleryFeed";
import { SkeletonGrid } from "@/components/gallery/SkeletonCard";
import { chipClass } from "@/components/ui/styles";
import { FEED_PAGE_SIZE, toCardAsset, type FeedParams } from "@/lib/gallery/feed-params";
import { HttpError, type Http } from "@/lib/http";
import { useSession } from "./session";

type Filters = Pick<FeedParams, "type" | "sort">;

/** One page from the API with media URLs made absolute (they are relative to the API host). */
async function loadPage(http: Http, filters: Filters, cursor: string | null): Promise<FeedPage> {
  const page = await http.json<FeedPage>("/api/assets", {
    query: { ...filters, cursor, limit: FEED_PAGE_SIZE },
  });
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((a) =>
      toCardAsset({
        ...a,
        coverUrl: http.media(a.coverUrl),
        videoUrl: a.videoUrl && http.media(a.videoUrl),
      }),
    ),
  };
}

// 广场: the web gallery's feed (GalleryFeed, BrickCard, skeletons, empty and error states) fed
// through http.ts. Filters are buttons rather than links: the shell has no URL per query.
export function FeedTab({ onNeedSignIn }: { onNeedSignIn: () => void }) {
  const { session } = useSession();
  const [filters, setFilters] = useState<Filters>({ type: "all", sort: "hot" });
  const viewer = session.status === "signedIn" ? session.user.id : session.status;
  return (
    <div className="px-3 pb-6">
      <div className="sticky top-0 z-10 -mx-3 mb-2 flex items-center justify-between gap-2 bg-white/95 px-3 py-2 backdrop-blur">
        <div role="group" aria-label="类型" className="flex gap-1.5">
          {TYPE_OPTIONS.map((o) => (
            <button
              key={o.value}
              type="button"
              aria-pressed={filters.type === o.value}
              onClick={() => setFilters({ ...filters, type: o.value })}
              className={chipClass(filters.type === o.value)}
            >
              {o.label}
            </button>
          ))}
        </div>
        <div role="group" aria-label="排序" className="flex gap-1.5">
          {SORT_OPTIONS.map((o) => (
            <button
              key={o.value}
              type="button"
              aria-pressed={filters.sort === o.value}
              onClick={() => setFilters({ ...filters, sort: o.value })}
              className={chipClass(filters.sort === o.value)}
            >
              {o.label}
            </button>
          ))}
        </div>
      </div>
      {/* Remounted per query and per viewer (favored flags depend on who asks), so pages never mix. */}
      {session.status === "loading" ? (
        <SkeletonGrid count={6} />
      ) : (
        <FeedList
          key={`${filters.type}:${filters.sort}:${viewer}`}
          filters={filters}
          onNeedSignIn={onNeedSignIn}
        />
      )}
    </div>
  );
}

type FirstPage =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; page: FeedPage };

function FeedList({ filters, onNeedSignIn }: { filters: Filters; onNeedSignIn: () => void }) {
  const { http, session } = useSession();
  const [first, setFirst] = useState<FirstPage>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    loadPage(http, filters, null).then(
      (page) => live && setFirst({ status: "ready", page }),
      (err) =>
        live &&
        setFirst({
          status: "error",
          message: err instanceof HttpError ? err.message : "加载失败，请重试",
        }),
    );
    return () => {
      live = false;
    };
  }, [http, filters, attempt]);

  const fetchPage = useCallback(
    (cursor: string) => loadPage(http, filters, cursor),
    [http, filters],
  );
  const hooks = useMemo<CardActionHooks>(
    () => ({
      reuse: false,
      onSignIn: onNeedSignIn,
      toggleFavorite: async (assetId) =>
        (await http.json<{ favored: boolean }>("/api/favorites/toggle", { body: { assetId } }))
          .favored,
    }),
    [http, onNeedSignIn],
  );

  if (first.status === "loading") return <SkeletonGrid count={6} />;
  if (first.status === "error") {
    return (
      <ErrorState
        message={first.message}
        onRetry={() => {
          setFirst({ status: "loading" });
          setAttempt((n) => n + 1);
        }}
      />
    );
  }
  return (
    <GalleryFeed
      params={filters}
      initialItems={first.page.items}
      initialCursor={first.page.nextCursor}
      signedIn={session.status === "signedIn"}
      fetchPage={fetchPage}
      cardHooks={hooks}
    />
  );
}
