"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { chipClass } from "@/components/ui/styles";
import { feedSearch, type FeedParams } from "@/lib/gallery/feed-params";
import { SORT_OPTIONS, TYPE_OPTIONS } from "./filter-options";

type Facet = { name: string; count: number };
type Props = { params: FeedParams; tags: Facet[]; models: Facet[]; children: React.ReactNode };

// Every filter lives in the URL: changing one replaces the URL (no history spam), the server
// re-renders the first page for it, and a reload or a shared link shows the same view.
export function ExploreFilters({ params, tags, models, children }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function update(patch: Partial<FeedParams>) {
    const next = { ...params, ...patch };
    startTransition(() => router.replace(`/explore${feedSearch(next)}`, { scroll: false }));
  }

  const hasFilters = params.type !== "all" || params.sort !== "hot" || params.tag || params.model;

  return (
    <>
      <section
        aria-label="筛选"
        className="mb-6 space-y-4 rounded-2xl border border-neutral-200 p-3 sm:p-5"
      >
        <div className="flex flex-wrap items-end gap-x-4 gap-y-4 sm:gap-x-6">
          <FilterGroup label="类型">
            {TYPE_OPTIONS.map((o) => (
              <button
                key={o.value}
                type="button"
                aria-pressed={params.type === o.value}
                className={chipClass(params.type === o.value)}
                onClick={() => update({ type: o.value })}
              >
                {o.label}
              </button>
            ))}
          </FilterGroup>
          <FilterGroup label="排序">
            {SORT_OPTIONS.map((o) => (
              <button
                key={o.value}
                type="button"
                aria-pressed={params.sort === o.value}
                className={chipClass(params.sort === o.value)}
                onClick={() => update({ sort: o.value })}
              >
                {o.label}
              </button>
            ))}
          </FilterGroup>
          <div className="flex min-w-[12rem] flex-col gap-1.5">
            <label htmlFor="explore-model" className="text-xs font-medium text-neutral-600">
              模型
            </label>
            <select
              id="explore-model"
              value={params.model ?? ""}
              onChange={(e) => update({ model: e.target.value || undefined })}
              className="h-8 rounded-full border border-neutral-300 bg-white px-3 text-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-black"
            >
              <option value="">全部模型</option>
              {models.map((m) => (
                <option key={m.name} value={m.name}>
                  {m.name}（{m.count}）
                </option>
              ))}
            </select>
          </div>
          {hasFilters && (
            <button
              type="button"
              onClick={() => update({ type: "all", sort: "hot", tag: undefined, model: undefined })}
              className="h-8 text-sm text-neutral-600 underline-offset-4 hover:text-black hover:underline"
            >
              清除全部
            </button>
          )}
        </div>
        <FilterGroup label="标签" wrap>
          <button
            type="button"
            aria-pressed={!params.tag}
            className={chipClass(!params.tag)}
            onClick={() => update({ tag: undefined })}
          >
            全部标签
          </button>
          {tags.map((t) => (
            <button
              key={t.name}
              type="button"
              aria-pressed={params.tag === t.name}
              className={chipClass(params.tag === t.name)}
              onClick={() => update({ tag: params.tag === t.name ? undefined : t.name })}
            >
              #{t.name}
              <span
                className={`ml-1 text-xs ${params.tag === t.name ? "text-neutral-300" : "text-neutral-500"}`}
              >
                {t.count}
              </span>
            </button>
          ))}
        </FilterGroup>
      </section>
      <div
        aria-busy={pending}
        className={
          pending ? "pointer-events-none opacity-50 transition-opacity" : "transition-opacity"
        }
      >
        {children}
      </div>
    </>
  );
}

function FilterGroup({
  label,
  children,
  wrap = false,
}: {
  label: string;
  children: React.ReactNode;
  wrap?: boolean;
}) {
  return (
    <div role="group" aria-label={label} className="flex flex-col gap-1.5">
      <span aria-hidden="true" className="text-xs font-medium text-neutral-600">
        {label}
      </span>
      <div
        className={`flex gap-2 ${wrap ? "-mx-3 overflow-x-auto px-3 pb-1 sm:mx-0 sm:flex-wrap sm:overflow-visible sm:px-0 sm:pb-0" : ""}`}
      >
        {children}
      </div>
    </div>
  );
}
