import Link from "next/link";
import { buttonClass } from "@/components/ui/styles";

type Props = {
  message?: string;
  hint?: string;
  resetHref?: string;
  resetLabel?: string;
  children?: React.ReactNode;
};

export function EmptyState({
  message = "没有符合条件的作品",
  hint = "换个筛选条件试试，或者去创作第一件作品。",
  resetHref,
  resetLabel = "清除筛选",
  children,
}: Props) {
  return (
    <div className="flex flex-col items-center justify-center rounded-2xl border border-dashed border-neutral-300 px-6 py-20 text-center">
      <div
        aria-hidden="true"
        className="mb-4 grid size-12 place-items-center rounded-full border border-neutral-300 text-xl text-neutral-400"
      >
        ∅
      </div>
      <p className="text-base font-medium text-neutral-900">{message}</p>
      <p className="mt-1 text-sm text-neutral-600">{hint}</p>
      {children}
      {resetHref && (
        <Link href={resetHref} className={`${buttonClass("outline", "sm")} mt-6`}>
          {resetLabel}
        </Link>
      )}
    </div>
  );
}
