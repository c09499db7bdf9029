"use client";
import { useState } from "react";

/**
 * 我的作品: take a work down from the gallery (or put it back) without opening it. The card keeps
 * its place; the badge says what the gallery shows.
 */
export function PublishToggle({
  assetId,
  title,
  published: initial,
}: {
  assetId: string;
  title: string;
  published: boolean;
}) {
  const [published, setPublished] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function toggle() {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/api/assets/${encodeURIComponent(assetId)}`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ published: !published }),
      });
      const body = (await res.json().catch(() => null)) as {
        item?: { published: boolean };
        error?: { message?: string };
      } | null;
      if (!res.ok || !body?.item) throw new Error(body?.error?.message ?? "操作失败，请重试");
      setPublished(body.item.published);
    } catch (err) {
      setError(err instanceof Error ? err.message : "操作失败，请重试");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-col items-start gap-1">
      {!published && (
        <span className="rounded-full bg-white px-2 py-0.5 text-[11px] font-medium text-black">
          已下架
        </span>
      )}
      <button
        type="button"
        onClick={toggle}
        disabled={busy}
        aria-label={`${published ? "下架" : "重新发布"}「${title}」`}
        className="inline-flex h-7 items-center rounded-full bg-black/75 px-2.5 text-xs font-medium text-white hover:bg-black focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white disabled:opacity-60"
      >
        {published ? "下架" : "重新发布"}
      </button>
      {error && (
        <span role="alert" className="rounded-md bg-black px-2 py-1 text-xs text-white">
          {error}
        </span>
      )}
    </div>
  );
}
