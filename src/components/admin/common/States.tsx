"use client";

import { btn } from "./styles";

export function Loading({ label = "加载中…" }: { label?: string }) {
  return (
    <div
      role="status"
      aria-live="polite"
      className="flex items-center justify-center gap-2 py-10 text-sm text-neutral-500"
    >
      <span
        className="size-3 animate-spin rounded-full border-2 border-neutral-300 border-t-black"
        aria-hidden
      />
      {label}
    </div>
  );
}

export function Empty({
  title,
  hint,
  action,
}: {
  title: string;
  hint?: string;
  action?: React.ReactNode;
}) {
  return (
    <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed border-neutral-300 px-4 py-10 text-center">
      <p className="text-sm font-medium">{title}</p>
      {hint && <p className="max-w-sm text-xs text-neutral-500">{hint}</p>}
      {action}
    </div>
  );
}

export function ErrorNote({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div
      role="alert"
      className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-black px-3 py-2 text-sm"
    >
      <span className="min-w-0 [overflow-wrap:anywhere]">
        <strong className="mr-1 font-semibold">出错了</strong>
        {message}
      </span>
      {onRetry && (
        <button type="button" className={btn.secondary} onClick={onRetry}>
          重试
        </button>
      )}
    </div>
  );
}

/** A one-line success/progress message announced to screen readers. */
export function Notice({ message }: { message: string | null }) {
  return (
    <p role="status" aria-live="polite" className="min-h-5 text-sm text-neutral-600">
      {message}
    </p>
  );
}
