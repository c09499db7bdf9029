"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { HeartIcon } from "@/components/ui/icons";
import { signInHref } from "@/lib/safe-redirect";
import { useCardHooks, useFeed } from "./card-hooks";
import {
  noteFavoriteConfirmed,
  readFavState,
  setFavState,
  useFavState,
  withFavored,
} from "./favorite-store";
import { formatCount } from "./format";
import s from "./Masonry.module.css";
import { pagePath, saveResume, takeFavorite } from "./resume";

type Props = {
  assetId: string;
  title: string;
  favored: boolean;
  likes: number;
  /** Unset while the viewer is not known yet: a click tries, and a 401 goes to sign-in. */
  signedIn?: boolean;
  /** "pill" on cards (heart and count), "button" on the work page (labelled 收藏 / 已收藏). */
  variant?: "pill" | "button";
};

async function sendFavorite(assetId: string, desired?: boolean): Promise<boolean | "signedOut"> {
  const res = await fetch("/api/favorites/toggle", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(desired === undefined ? { assetId } : { assetId, favored: desired }),
  });
  if (res.status === 401) return "signedOut";
  const body = (await res.json().catch(() => null)) as {
    favored?: boolean;
    error?: { message?: string };
  } | null;
  if (!res.ok || typeof body?.favored !== "boolean")
    throw new Error(body?.error?.message ?? "收藏失败，请重试");
  return body.favored;
}

// 收藏 is optimistic: the heart flips at once and rolls back if the server disagrees. Signed out,
// it goes through sign-in and comes back to the same place, where the favorite is then applied.
export function FavoriteButton({
  assetId,
  title,
  favored: initialFavored,
  likes: initialLikes,
  signedIn,
  variant = "pill",
}: Props) {
  const router = useRouter();
  const hooks = useCardHooks();
  const feed = useFeed();
  const initial = { favored: initialFavored, likes: initialLikes };
  const state = useFavState(assetId, initial);
  const current = () => readFavState(assetId) ?? initial;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!error) return;
    const t = setTimeout(() => setError(null), 4000);
    return () => clearTimeout(t);
  }, [error]);

  function toSignIn() {
    const scope = feed?.scope ?? pagePath();
    if (feed) feed.rememberForSignIn(assetId, true);
    else saveResume({ scope, count: 0, anchorId: null, anchorTop: 0, favorite: assetId });
    if (hooks.onSignIn) hooks.onSignIn();
    else router.push(signInHref(pagePath()));
  }

  async function change(desired?: boolean) {
    if (busy) return;
    const before = current();
    const next = desired ?? !before.favored;
    setFavState(assetId, withFavored(before, next));
    setBusy(true);
    setError(null);
    try {
      const answer = hooks.toggleFavorite
        ? await hooks.toggleFavorite(assetId, desired ?? next)
        : await sendFavorite(assetId, desired ?? next);
      if (answer === "signedOut") {
        setFavState(assetId, before);
        return toSignIn();
      }
      setFavState(assetId, withFavored(current(), answer));
      noteFavoriteConfirmed();
    } catch (err) {
      setFavState(assetId, before);
      setError(err instanceof Error && err.message ? err.message : "收藏失败，请重试");
    } finally {
      setBusy(false);
    }
  }

  // Back from the sign-in this button sent the visitor to: apply the favorite they asked for.
  useEffect(() => {
    if (!signedIn) return;
    if (takeFavorite(feed?.scope ?? pagePath(), assetId))
      void Promise.resolve().then(() => change(true));
    // Runs once per mount; `change` reads the current state from the store.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn, assetId]);

  const { favored, likes } = state;
  const onClick = () => (signedIn === false ? toSignIn() : void change());
  return (
    <>
      <button
        type="button"
        onClick={onClick}
        aria-pressed={favored}
        className={
          // The card's pill is one short class (and its heart a CSS mask): it is repeated on
          // every card of the server-rendered first page.
          variant === "pill"
            ? s.heartPill
            : `inline-flex h-10 items-center gap-1.5 rounded-full px-4 text-sm font-medium tabular-nums transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-black ${favored ? "bg-black text-white hover:bg-neutral-800" : "border border-neutral-300 bg-white text-neutral-900 hover:border-black"}`
        }
      >
        {variant === "button" && <HeartIcon filled={favored} />}
        {/* The name reads "收藏「title」，12 人喜欢" and contains the visible text. */}
        {variant === "button" ? (
          <>
            <span>{favored ? "已收藏" : "收藏"}</span>
            <span className="sr-only">「{title}」，</span>
          </>
        ) : (
          <span className="sr-only">收藏「{title}」，</span>
        )}
        <span data-testid="likes">{formatCount(likes)}</span>
        <span className="sr-only"> 人喜欢</span>
      </button>
      {error && (
        <span
          role="alert"
          className={
            variant === "pill"
              ? "absolute top-9 right-0 w-max max-w-40 rounded-md bg-black px-2 py-1 text-xs text-white"
              : "text-sm text-neutral-900"
          }
        >
          {error}
        </span>
      )}
    </>
  );
}
