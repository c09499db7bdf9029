"use client";
import { buttonClass } from "@/components/ui/styles";

export function ErrorState({
  message = "加载失败，请检查网络后重试",
  onRetry,
}: {
  message?: string;
  onRetry: () => void;
}) {
  return (
    <div
      role="alert"
      className="flex flex-col items-center gap-3 rounded-2xl border border-neutral-300 px-6 py-8 text-center"
    >
      <p className="text-sm text-neutral-800">{message}</p>
      <button type="button" onClick={onRetry} className={buttonClass("primary", "sm")}>
        重试
      </button>
    </div>
  );
}
