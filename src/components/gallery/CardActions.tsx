"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { HeartIcon, RemixIcon } from "@/components/ui/icons";
import { buttonClass } from "@/components/ui/styles";
import { signInHref } from "@/lib/safe-redirect";
import { formatCount } from "./format";

/**
 * How a host other than the web pages handles a card's actions (the /mobile shell: no sign-in
 * page, no /create route, requests through src/lib/http.ts). Every field is optional.
 */
export type CardActionHooks = {
  /** Toggles the favorite and resolves to the new state; rejects with a displayable message. */
  toggleFavorite?: (assetId: string) => Promise<boolean>;
  /** Replaces the navigation to the sign-in page. */
  onSignIn?: () => void;
  /** false hides 复用 (the host has no creator route to reuse in). */
  reuse?: boolean;
};

type Props = {
  assetId: string;
  title: string;
  favored: boolean;
  likes: number;
  signedIn: boolean;
  hooks?: CardActionHooks;
};

function here(): string {
  return `${window.location.pathname}${window.location.search}`;
}

// 收藏 is optimistic: the button flips at once and rolls back if the server disagrees.
// Signed out, both actions go through sign-in and come back (收藏 to this page, 复用 to /create).
export function CardActions({
  assetId,
  title,
  favored: initialFavored,
  likes: initialLikes,
  signedIn,
  hooks,
}: Props) {
  const router = useRouter();
  const [{ favored, likes }, setState] = useState({ favored: initialFavored, likes: initialLikes });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reuseTarget = `/create?asset=${encodeURIComponent(assetId)}`;

  useEffect(() => {
    if (!error) return;
    const t = setTimeout(() => setError(null), 4000);
    return () => clearTimeout(t);
  }, [error]);

  const toSignIn = () => (hooks?.onSignIn ? hooks.onSignIn() : router.push(signInHref(here())));

  async function toggle() {
    if (!signedIn) return toSignIn();
    if (busy) return;
    const before = favored;
    // Idempotent: applying the state it is already in changes nothing, so the optimistic flip
    // and the server's answer never count a like twice.
    const apply = (value: boolean) =>
      setState((s) =>
        s.favored === value
          ? s
          : { favored: value, likes: Math.max(0, s.likes + (value ? 1 : -1)) },
      );
    const next = !before;
    apply(next);
    setBusy(true);
    setError(null);
    try {
      if (hooks?.toggleFavorite) return apply(await hooks.toggleFavorite(assetId));
      const res = await fetch("/api/favorites/toggle", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ assetId }),
      });
      if (res.status === 401) {
        apply(before);
        return toSignIn();
      }
      const body = (await res.json().catch(() => null)) as {
        favored?: boolean;
        error?: { message?: string };
      } | null;
      if (!res.ok || typeof body?.favored !== "boolean")
        throw new Error(body?.error?.message ?? "收藏失败，请重试");
      apply(body.favored);
    } catch (err) {
      apply(before);
      setError(err instanceof Error && err.message ? err.message : "收藏失败，请重试");
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <div className="mt-2 flex items-center gap-1.5">
        <button
          type="button"
          onClick={toggle}
          aria-pressed={favored}
          aria-label={`收藏「${title}」`}
          className={`${buttonClass(favored ? "primary" : "outline", "sm")} flex-1 px-2`}
        >
          <HeartIcon className="size-3.5" filled={favored} />
          收藏
        </button>
        {hooks?.reuse !== false && (
          <Link
            href={signedIn ? reuseTarget : signInHref(reuseTarget)}
            prefetch={false}
            aria-label={`复用「${title}」的提示词`}
            className={`${buttonClass("outline", "sm")} flex-1 px-2`}
          >
            <RemixIcon className="size-3.5" />
            复用
          </Link>
        )}
      </div>
      {error && (
        <p role="alert" className="mt-1 text-xs text-neutral-900">
          {error}
        </p>
      )}
      <LikesBadge likes={likes} favored={favored} />
    </>
  );
}

function LikesBadge({ likes, favored }: { likes: number; favored: boolean }) {
  return (
    <span className="absolute top-2 right-2 inline-flex items-center gap-1 rounded-full bg-white/90 px-2 py-0.5 text-[11px] font-medium text-neutral-900 tabular-nums">
      <HeartIcon className="size-3" filled={favored} />
      <span data-testid="likes">{formatCount(likes)}</span>
      <span className="sr-only">人喜欢</span>
    </span>
  );
}
