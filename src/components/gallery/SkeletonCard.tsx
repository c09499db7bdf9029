// Placeholder bricks with the varied heights of real cards, so loading does not look like a grid.
const RATIOS = ["3 / 4", "1 / 1", "9 / 16", "4 / 3", "2 / 3", "16 / 9", "4 / 5", "3 / 2"];

export function SkeletonCard({ index = 0 }: { index?: number }) {
  return (
    <div className="mb-3 break-inside-avoid sm:mb-4" aria-hidden="true">
      <div
        className="animate-pulse rounded-xl bg-neutral-100"
        style={{ aspectRatio: RATIOS[index % RATIOS.length] }}
      />
      <div className="mt-2 h-3.5 w-3/4 animate-pulse rounded bg-neutral-100" />
      <div className="mt-1.5 h-3 w-1/2 animate-pulse rounded bg-neutral-100" />
    </div>
  );
}

export function SkeletonGrid({ count = 10 }: { count?: number }) {
  return (
    <div
      role="status"
      aria-live="polite"
      className="columns-2 gap-3 sm:columns-3 sm:gap-4 lg:columns-4 xl:columns-5"
    >
      <span className="sr-only">加载中…</span>
      {Array.from({ length: count }, (_, i) => (
        <SkeletonCard key={i} index={i} />
      ))}
    </div>
  );
}
