import { SkeletonGrid } from "@/components/gallery/SkeletonCard";

export default function Loading() {
  return (
    <main id="main" className="mx-auto max-w-[1600px] px-3 pt-5 pb-16 sm:px-6 sm:pt-8">
      <div className="mb-5 h-8 w-24 animate-pulse rounded bg-neutral-100" />
      <div className="mb-6 h-40 animate-pulse rounded-2xl bg-neutral-100" />
      <SkeletonGrid count={12} />
    </main>
  );
}
