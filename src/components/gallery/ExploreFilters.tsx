"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { chipClass } from "@/components/ui/styles";
import { feedSearch, type FeedParams, type IgnoredParam } from "@/lib/gallery/feed-params";
import { SORT_OPTIONS, TYPE_OPTIONS } from "./filter-options";

type Facet = { name: string; count: number };
type Props = {
  params: FeedParams;
  ignored: IgnoredParam[];
  facets: { types: Facet[]; tags: Facet[]; models: Facet[] };
  children: React.ReactNode;
};

const IGNORED_LABEL: Record<IgnoredParam["key"], string> = {
  type: "类型",
  sort: "排序",
  tag: "标签",
  model: "模型",
};

// Every filter lives in the URL and every change is a history entry (Back undoes the last one);
// the server re-renders the first page and the facet counts for it, so a reload or a shared link
// shows the same view. Counts are computed under the other active filters: a count is what
// choosing that value shows.
export function ExploreFilters({ params, ignored, facets, children }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function update(patch: Partial<FeedParams>) {
    const next = { ...params, ...patch };
    startTransition(() => router.push(`/explore${feedSearch(next)}`, { scroll: false }));
  }

  const typeCount = (v: string) => facets.types.find((t) => t.name === v)?.count ?? 0;
  const hasFilters =
    params.type !== "all" ||
    params.sort !== "hot" ||
    Boolean(params.tag || params.model) ||
    ignored.length > 0;

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
                <Count active={params.type === o.value} n={typeCount(o.value)} />
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
              {facets.models.map((m) => (
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
          {facets.tags.map((t) => (
            <button
              key={t.name}
              type="button"
              aria-pressed={params.tag === t.name}
              className={chipClass(params.tag === t.name)}
              onClick={() => update({ tag: params.tag === t.name ? undefined : t.name })}
            >
              #{t.name}
              <Count active={params.tag === t.name} n={t.count} />
            </button>
          ))}
        </FilterGroup>
        <ActiveChips params={params} ignored={ignored} onRemove={update} />
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

function Count({ active, n }: { active: boolean; n: number }) {
  return (
    <span className={`ml-1 text-xs ${active ? "text-neutral-300" : "text-neutral-500"}`}>{n}</span>
  );
}

/** The active tag and model, and any URL value that could not be used, each removable. */
function ActiveChips({
  params,
  ignored,
  onRemove,
}: {
  params: FeedParams;
  ignored: IgnoredParam[];
  onRemove: (patch: Partial<FeedParams>) => void;
}) {
  const chips = [
    ...(params.tag ? [{ label: `#${params.tag}`, patch: { tag: undefined } }] : []),
    ...(params.model ? [{ label: `模型：${params.model}`, patch: { model: undefined } }] : []),
    ...ignored.map((p) => ({
      label: `无法识别的${IGNORED_LABEL[p.key]}：${p.value}`,
      patch: {} as Partial<FeedParams>,
    })),
  ];
  if (!chips.length) return null;
  return (
    <div role="group" aria-label="已选条件" className="flex flex-wrap items-center gap-2">
      <span className="text-xs font-medium text-neutral-600">已选</span>
      {chips.map((c) => (
        <button
          key={c.label}
          type="button"
          onClick={() => onRemove(c.patch)}
          aria-label={`移除条件 ${c.label}`}
          className="inline-flex h-7 items-center gap-1 rounded-full bg-neutral-100 px-3 text-xs text-neutral-900 hover:bg-neutral-200 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-black"
        >
          {c.label}
          <span aria-hidden="true">×</span>
        </button>
      ))}
    </div>
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
