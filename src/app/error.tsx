"use client";
import { ErrorState } from "@/components/gallery/ErrorState";

export default function PageError({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-20">
      <h1 className="mb-4 text-center text-xl font-semibold">页面出错了</h1>
      <ErrorState message="页面加载失败，可能是网络或服务暂时不可用。" onRetry={reset} />
    </main>
  );
}
