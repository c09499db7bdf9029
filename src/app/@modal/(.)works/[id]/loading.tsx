import { WorkOverlay } from "@/components/gallery/work/WorkOverlay";

export default function Loading() {
  return (
    <WorkOverlay title="作品加载中">
      <div role="status" className="grid gap-0 lg:grid-cols-[minmax(0,1fr)_400px]">
        <span className="sr-only">作品加载中…</span>
        <div className="aspect-square animate-pulse bg-neutral-200 lg:aspect-auto lg:min-h-[70vh] lg:rounded-l-2xl" />
        <div className="flex flex-col gap-3 p-6">
          <div className="h-7 w-2/3 animate-pulse rounded bg-neutral-100" />
          <div className="h-4 w-1/3 animate-pulse rounded bg-neutral-100" />
          <div className="mt-4 h-24 animate-pulse rounded-xl bg-neutral-100" />
        </div>
      </div>
    </WorkOverlay>
  );
}
