// Edit image (issue 17): the mask must be a PNG exactly the size of the source picture, and the
// default output size follows the source's aspect. Pure helpers, shared by the edit panel.

export type Dims = { width: number; height: number };

/** The picture's pixel size, read by the browser (null when it cannot be decoded). */
export async function imageDims(file: Blob): Promise<Dims | null> {
  try {
    const bitmap = await createImageBitmap(file);
    const dims = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return dims;
  } catch {
    return null;
  }
}

/** null when the mask fits the source, else what is wrong in the words the user sees. */
export function maskProblem(source: Dims | null, mask: Dims | null): string | null {
  if (!mask) return "无法读取遮罩图片";
  if (!source) return null; // no source yet: checked again once it is chosen
  if (source.width !== mask.width || source.height !== mask.height)
    return `遮罩尺寸 ${mask.width}×${mask.height} 与原图 ${source.width}×${source.height} 不一致，请使用同样大小的 PNG`;
  return null;
}

/** The offered output size whose aspect is closest to the source's ("1024x1792" for a portrait). */
export function sizeForAspect(sizes: string[], source: Dims | null): string | null {
  if (!source || !sizes.length) return null;
  const want = Math.log(source.width / source.height);
  let best: string | null = null;
  let bestDiff = Infinity;
  for (const s of sizes) {
    const [w, h] = s.split("x").map(Number);
    if (!w || !h) continue;
    const diff = Math.abs(Math.log(w / h) - want);
    if (diff < bestDiff) {
      best = s;
      bestDiff = diff;
    }
  }
  return best;
}
