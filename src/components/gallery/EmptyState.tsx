import Link from "next/link";
import { buttonClass } from "@/components/ui/styles";

export function EmptyState({
  resetHref,
  message = "没有符合条件的作品",
}: {
  resetHref?: string;
  message?: string;
}) {
  return (
    <div className="flex flex-col items-center justify-center rounded-2xl border border-dashed border-neutral-300 px-6 py-20 text-center">
      <div
        aria-hidden="true"
        className="mb-4 grid size-12 place-items-center rounded-full border border-neutral-300 text-xl text-neutral-400"
      >
        ∅
      </div>
      <p className="text-base font-medium text-neutral-900">{message}</p>
      <p className="mt-1 text-sm text-neutral-600">换个筛选条件试试，或者去创作第一件作品。</p>
      {resetHref && (
        <Link href={resetHref} className={`${buttonClass("outline", "sm")} mt-6`}>
          清除筛选
        </Link>
      )}
    </div>
  );
}
