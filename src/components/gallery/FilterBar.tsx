"use client";
import Link from "next/link";
import { LinkPending } from "@/components/ui/LinkPending";
import { chipClass } from "@/components/ui/styles";
import { feedSearch, type FeedParams } from "@/lib/gallery/feed-params";
import { SORT_OPTIONS, TYPE_OPTIONS } from "./filter-options";

// Plain links: filtering the home page needs no client JavaScript of its own and every state has a
// URL. A client component all the same, so that the page's RSC payload carries its two props,
// not the markup of every chip.
export function FilterBar({ basePath, params }: { basePath: string; params: FeedParams }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <div role="group" aria-label="类型" className="flex gap-2">
        {TYPE_OPTIONS.map((o) => (
          <Link
            prefetch={false}
            key={o.value}
            href={`${basePath}${feedSearch({ ...params, type: o.value })}`}
            aria-current={params.type === o.value ? "true" : undefined}
            className={chipClass(params.type === o.value)}
            scroll={false}
          >
            {o.label}
            <LinkPending />
          </Link>
        ))}
      </div>
      <div
        role="group"
        aria-label="排序"
        className="flex rounded-full border border-neutral-300 p-0.5"
      >
        {SORT_OPTIONS.map((o) => (
          <Link
            prefetch={false}
            key={o.value}
            href={`${basePath}${feedSearch({ ...params, sort: o.value })}`}
            aria-current={params.sort === o.value ? "true" : undefined}
            className={
              "inline-flex h-7 items-center rounded-full px-3 text-sm transition-colors " +
              (params.sort === o.value
                ? "bg-black text-white"
                : "text-neutral-700 hover:text-black")
            }
            scroll={false}
          >
            {o.label}
            <LinkPending />
          </Link>
        ))}
      </div>
    </div>
  );
}
