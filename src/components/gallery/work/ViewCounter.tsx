"use client";
import { useEffect, useState } from "react";
import { formatCount } from "../format";

const reported = new Set<string>();

/**
 * The view count, and the one report that this visitor saw the work. The server counts a visitor
 * once a day whatever the page does; this only avoids asking again within one page session.
 */
export function ViewCounter({ assetId, views }: { assetId: string; views: number }) {
  const [count, setCount] = useState(views);
  useEffect(() => {
    if (reported.has(assetId)) return;
    reported.add(assetId);
    let live = true;
    fetch(`/api/assets/${encodeURIComponent(assetId)}/view`, { method: "POST" })
      .then((res) => (res.ok ? (res.json() as Promise<{ views: number }>) : null))
      .then((body) => {
        if (live && body && typeof body.views === "number") setCount(body.views);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [assetId]);
  return <span data-testid="views">{formatCount(count)}</span>;
}
