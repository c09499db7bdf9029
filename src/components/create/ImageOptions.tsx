"use client";
import { useId } from "react";
import { factorTag } from "./price";

// The shared knobs of image calls. Sizes and qualities come from the model's pricing when it
// lists them (those are what it is priced for), else the common OpenAI values; an option that
// changes the price says by how much. Publishing is a choice made after seeing the result (in
// my generations), so there is no 发布到广场 box here.

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
  /** The model's price factors: shown next to each option that changes the price. */
  sizeFactors?: Record<string, number>;
  qualityFactors?: Record<string, number>;
  sizes: string[];
  size: string;
  onSize: (s: string) => void;
  n: number;
  onN: (n: number) => void;
  qualities?: string[];
  quality?: string;
  onQuality?: (q: string) => void;
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
              {factorTag(p.sizeFactors?.[s]) ? `（价格${factorTag(p.sizeFactors?.[s])}）` : ""}
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
                {factorTag(p.qualityFactors?.[q])
                  ? `（价格${factorTag(p.qualityFactors?.[q])}）`
                  : ""}
              </option>
            ))}
          </select>
        </div>
      ) : null}
    </div>
  );
}
