"use client";
import { useId } from "react";

// The shared knobs of image calls. Sizes and qualities come from the model's pricing when it
// lists them (those are what it is priced for), else the common OpenAI values.

const DEFAULT_SIZES = ["1024x1024", "1792x1024", "1024x1792"];
const DEFAULT_QUALITIES = ["standard", "hd"];
const QUALITY_LABEL: Record<string, string> = {
  standard: "标准",
  hd: "高清",
  low: "低",
  medium: "中",
  high: "高",
  auto: "自动",
};

export const sizesFor = (factors?: Record<string, number>) =>
  factors && Object.keys(factors).length ? Object.keys(factors) : DEFAULT_SIZES;
export const qualitiesFor = (factors?: Record<string, number>) =>
  factors && Object.keys(factors).length ? Object.keys(factors) : DEFAULT_QUALITIES;

type Props = {
  sizes: string[];
  size: string;
  onSize: (s: string) => void;
  n: number;
  onN: (n: number) => void;
  qualities?: string[];
  quality?: string;
  onQuality?: (q: string) => void;
  persist: boolean;
  onPersist: (p: boolean) => void;
};

const select =
  "min-h-10 w-full rounded-lg border border-neutral-300 bg-white px-2 text-sm focus:border-neutral-900";

export function ImageOptions(p: Props) {
  const id = useId();
  return (
    <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      <div>
        <label htmlFor={`${id}-size`} className="mb-1 block text-sm font-medium">
          尺寸
        </label>
        <select
          id={`${id}-size`}
          value={p.size}
          onChange={(e) => p.onSize(e.target.value)}
          className={select}
        >
          {p.sizes.map((s) => (
            <option key={s} value={s}>
              {s.replace("x", " × ")}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-n`} className="mb-1 block text-sm font-medium">
          数量
        </label>
        <select
          id={`${id}-n`}
          value={p.n}
          onChange={(e) => p.onN(Number(e.target.value))}
          className={select}
        >
          {[1, 2, 3, 4].map((n) => (
            <option key={n} value={n}>
              {n} 张
            </option>
          ))}
        </select>
      </div>
      {p.qualities && p.onQuality ? (
        <div>
          <label htmlFor={`${id}-q`} className="mb-1 block text-sm font-medium">
            质量
          </label>
          <select
            id={`${id}-q`}
            value={p.quality}
            onChange={(e) => p.onQuality?.(e.target.value)}
            className={select}
          >
            {p.qualities.map((q) => (
              <option key={q} value={q}>
                {QUALITY_LABEL[q] ?? q}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <label className="col-span-2 flex min-h-10 items-center gap-2 self-end text-sm sm:col-span-1">
        <input
          type="checkbox"
          checked={p.persist}
          onChange={(e) => p.onPersist(e.target.checked)}
          className="size-4 accent-neutral-900"
        />
        发布到广场
      </label>
    </div>
  );
}
