"use client";
import type { ImageResult } from "@/lib/client/images";
import { useCreateLinks, WayOutLink } from "./links";

/** Results of an image call: each with a download link; published ones point to the gallery. */
export function ResultGrid({
  results,
  busy,
  count,
  published,
  label,
}: {
  results: ImageResult[];
  busy: boolean;
  count: number;
  published: boolean;
  label: string;
}) {
  const links = useCreateLinks();
  if (busy) {
    return (
      <div
        aria-busy="true"
        aria-label="正在生成图片"
        className="grid grid-cols-2 gap-3 lg:grid-cols-4"
      >
        {Array.from({ length: count }, (_, i) => (
          <div key={i} className="aspect-square animate-pulse rounded-lg bg-neutral-100" />
        ))}
      </div>
    );
  }
  if (!results.length) {
    return (
      <div className="flex min-h-32 flex-col items-center justify-center rounded-lg border border-dashed border-neutral-300 px-4 py-8 text-center text-sm text-neutral-500">
        <p className="font-medium text-neutral-700">还没有结果</p>
        <p className="mt-1">填写提示词并开始后，图片会显示在这里。</p>
      </div>
    );
  }
  return (
    <section aria-label={label}>
      {published ? (
        <p className="mb-2 text-sm">
          已发布到广场。
          <WayOutLink href={links.gallery}>去广场查看</WayOutLink>
        </p>
      ) : null}
      <ul className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {results.map((r, i) => (
          <li key={r.src} className="overflow-hidden rounded-lg border border-neutral-200">
            <img
              src={r.src}
              alt={`结果 ${i + 1}`}
              className="aspect-square w-full bg-neutral-50 object-contain"
            />
            <div className="flex items-center justify-between gap-2 px-2 py-1.5 text-xs">
              <span className="text-neutral-500">
                #{i + 1}
                {r.assetId ? (
                  <span className="ml-1.5 rounded border border-neutral-900 px-1 text-[11px] text-neutral-900">
                    已发布
                  </span>
                ) : null}
              </span>
              <a
                href={r.src}
                download={`aigc-${i + 1}.png`}
                className="rounded border border-neutral-900 px-2 py-1 font-medium hover:bg-neutral-900 hover:text-white"
              >
                下载<span className="sr-only">结果 {i + 1}</span>
              </a>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
