"use client";
import { useId, useState } from "react";
import type { Size } from "@/lib/operations/tools/plan";
import type { Rect } from "./params";

// Before/after: the result, with the original laid over it up to the divider. The divider is a
// native range input, so arrow keys, Page Up/Down and Home/End move it (and screen readers
// announce it). The original sits where it lies in the result (outpainting moved it); a
// transparent result shows a checkerboard behind it.

const CHECKER = "repeating-conic-gradient(#e5e5e5 0% 25%, #ffffff 0% 50%) 50% / 16px 16px";

export function BeforeAfter({
  before,
  after,
  size,
  rect,
}: {
  before: string;
  after: string;
  size: Size;
  rect: Rect;
}) {
  const id = useId();
  const [pos, setPos] = useState(50);
  return (
    <figure className="flex flex-col gap-2">
      <div
        className="relative mx-auto w-full max-w-xl overflow-hidden rounded-lg border border-neutral-300"
        style={{ aspectRatio: `${size.width} / ${size.height}`, background: CHECKER }}
        data-testid="before-after"
        data-position={pos}
      >
        <img
          src={after}
          alt="处理后的结果"
          className="absolute inset-0 h-full w-full object-fill"
        />
        <div
          className="absolute inset-0"
          style={{ clipPath: `inset(0 ${100 - pos}% 0 0)` }}
          aria-hidden
        >
          <div className="absolute inset-0 bg-neutral-200" />
          <img
            src={before}
            alt=""
            className="absolute object-fill"
            style={{
              left: `${rect.x * 100}%`,
              top: `${rect.y * 100}%`,
              width: `${rect.w * 100}%`,
              height: `${rect.h * 100}%`,
            }}
          />
        </div>
        <div
          aria-hidden
          className="pointer-events-none absolute inset-y-0 w-0.5 bg-white shadow-[0_0_0_1px_rgba(0,0,0,0.6)]"
          style={{ left: `${pos}%` }}
        />
        <span
          aria-hidden
          className="absolute top-2 left-2 rounded bg-black/70 px-1.5 text-xs text-white"
        >
          原图
        </span>
        <span
          aria-hidden
          className="absolute top-2 right-2 rounded bg-black/70 px-1.5 text-xs text-white"
        >
          结果
        </span>
      </div>
      <label htmlFor={id} className="sr-only">
        对比滑块：向右露出更多原图，向左露出更多结果
      </label>
      <input
        id={id}
        type="range"
        min={0}
        max={100}
        step={1}
        value={pos}
        aria-valuenow={pos}
        aria-valuetext={`原图占 ${pos}%`}
        onChange={(e) => setPos(Number(e.target.value))}
        className="mx-auto w-full max-w-xl accent-black"
      />
      <figcaption className="text-center text-xs text-neutral-500">
        拖动或用方向键移动滑块，对比原图与结果
      </figcaption>
    </figure>
  );
}
