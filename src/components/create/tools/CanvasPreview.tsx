"use client";
import type { Size } from "@/lib/operations/tools/plan";
import type { Rect } from "./params";

// The output before it is made: a frame of the output's shape with the original where it will
// sit (outpainting adds the hatched margins), and the exact output size in pixels.

const HATCH = "repeating-linear-gradient(45deg, #e5e5e5 0 6px, #fafafa 6px 12px)";

export function CanvasPreview({
  src,
  input,
  output,
  rect,
}: {
  src: string | null;
  input: Size | null;
  output: Size | null;
  rect: Rect;
}) {
  if (!src || !input || !output) return null;
  const extended = rect.w < 1 || rect.h < 1;
  return (
    <figure className="flex flex-col gap-2">
      <div className="flex max-h-72 justify-center">
        <div
          data-testid="canvas-preview"
          className="relative max-h-72 w-full max-w-sm overflow-hidden rounded border border-neutral-300"
          style={{
            aspectRatio: `${output.width} / ${output.height}`,
            background: extended ? HATCH : undefined,
          }}
        >
          <img
            src={src}
            alt="原图在输出画面中的位置"
            className="absolute object-fill"
            style={{
              left: `${rect.x * 100}%`,
              top: `${rect.y * 100}%`,
              width: `${rect.w * 100}%`,
              height: `${rect.h * 100}%`,
            }}
          />
        </div>
      </div>
      <figcaption className="text-center text-xs text-neutral-600" aria-live="polite">
        输出尺寸{" "}
        <strong data-testid="output-size">
          {output.width}×{output.height}
        </strong>
        （原图 {input.width}×{input.height}
        {extended ? "，斜纹区域为扩展的新画面" : ""}）
      </figcaption>
    </figure>
  );
}
