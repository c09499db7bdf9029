"use client";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { CardActionHooks } from "@/components/gallery/card-hooks";
import { ErrorState } from "@/components/gallery/ErrorState";
import { type FeedPage, GalleryFeed } from "@/components/gallery/GalleryFeed";
import { SkeletonGrid } from "@/components/gallery/SkeletonCard";
import { HttpError, type Http } from "@/lib/http";
import { FEED_PAGE_SIZE, toCardAsset } from "@/lib/gallery/feed-params";
import { useSession } from "./session";

/** One page from an API list with media URLs made absolute (they are relative to the API host). */
export async function loadShellPage(
  http: Http,
  path: string,
  query: Record<string, string>,
  cursor: string | null,
  limit = FEED_PAGE_SIZE,
): Promise<FeedPage> {
  const page = await http.json<FeedPage>(path, { query: { ...query, cursor, limit } });
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

type FirstPage =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; page: FeedPage };

type Props = {
  /** API path of the list (/api/assets, /api/favorites) and its filters. */
  path: string;
  query: Record<string, string>;
  /** What a sign-in round trip comes back to (see GalleryFeed). */
  scope: string;
  label: string;
  onNeedSignIn: () => void;
  empty?: React.ReactNode;
};

// The web gallery's feed (GalleryFeed, BrickCard, empty and error states) fed through http.ts:
// the shell loads its first page itself, since it has no server render.
export function ShellFeed({ path, query, scope, label, onNeedSignIn, empty }: Props) {
  const { http, session } = useSession();
  const [first, setFirst] = useState<FirstPage>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const queryKey = JSON.stringify(query);

  useEffect(() => {
    let live = true;
    loadShellPage(http, path, JSON.parse(queryKey), null).then(
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
  }, [http, path, queryKey, attempt]);

  const fetchPage = useCallback(
    (cursor: string, limit: number) =>
      loadShellPage(http, path, JSON.parse(queryKey), cursor, limit),
    [http, path, queryKey],
  );
  const hooks = useMemo<CardActionHooks>(
    () => ({
      reuse: false,
      onSignIn: onNeedSignIn,
      toggleFavorite: async (assetId, desired) =>
        (
          await http.json<{ favored: boolean }>("/api/favorites/toggle", {
            body: desired === undefined ? { assetId } : { assetId, favored: desired },
          })
        ).favored,
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
      source={{ kind: "assets", params: { type: "all", sort: "hot" } }}
      initialItems={first.page.items}
      initialCursor={first.page.nextCursor}
      signedIn={session.status === "signedIn"}
      fetchPage={fetchPage}
      scope={scope}
      label={label}
      empty={empty}
      cardHooks={hooks}
    />
  );
}
