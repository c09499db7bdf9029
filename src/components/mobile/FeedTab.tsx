"use client";
import { useState } from "react";
import { SORT_OPTIONS, TYPE_OPTIONS } from "@/components/gallery/filter-options";
import { SkeletonGrid } from "@/components/gallery/SkeletonCard";
import { chipClass } from "@/components/ui/styles";
import type { FeedParams } from "@/lib/gallery/feed-params";
import { useSession } from "./session";
import { ShellFeed } from "./ShellFeed";

type Filters = Pick<FeedParams, "type" | "sort">;

// 广场: the gallery feed with its filters. Filters are buttons rather than links: the shell has
// no URL per query.
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
      {/* Remounted per query and per viewer (favored flags depend on who asks), so pages never
          mix; a sign-in asked for by a card comes back to the same place (GalleryFeed resume). */}
      {session.status === "loading" ? (
        <SkeletonGrid count={6} />
      ) : (
        <ShellFeed
          key={`${filters.type}:${filters.sort}:${viewer}`}
          path="/api/assets"
          query={filters}
          scope={`mobile:feed:${filters.type}:${filters.sort}`}
          label="作品列表"
          onNeedSignIn={onNeedSignIn}
        />
      )}
    </div>
  );
}
