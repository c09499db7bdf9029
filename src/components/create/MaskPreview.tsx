"use client";
import { useEffect, useMemo } from "react";

/**
 * The mask laid over the source: the transparent parts of the mask (what will be repainted)
 * show the picture through a checkerboard; the kept parts are dimmed.
 */
export function MaskPreview({ image, mask }: { image: File; mask: File }) {
  const imageUrl = useMemo(() => URL.createObjectURL(image), [image]);
  const maskUrl = useMemo(() => URL.createObjectURL(mask), [mask]);
  useEffect(() => () => URL.revokeObjectURL(imageUrl), [imageUrl]);
  useEffect(() => () => URL.revokeObjectURL(maskUrl), [maskUrl]);
  return (
    <figure className="flex flex-col gap-1">
      <div className="relative w-full max-w-xs overflow-hidden rounded border border-neutral-300">
        <img src={imageUrl} alt="原图" className="block h-auto w-full" />
        {/* Grey over the mask's opaque parts (kept as they are); its transparent parts, the ones
            to repaint, let the picture through. */}
        <div
          aria-hidden
          data-testid="mask-overlay"
          className="absolute inset-0 bg-neutral-500/75"
          style={{
            maskImage: `url(${maskUrl})`,
            WebkitMaskImage: `url(${maskUrl})`,
            maskSize: "100% 100%",
            WebkitMaskSize: "100% 100%",
          }}
        />
      </div>
      <figcaption className="text-xs text-neutral-600">
        遮罩预览：透出原图的部分会被重新绘制，灰色部分保持不变。
      </figcaption>
    </figure>
  );
}
