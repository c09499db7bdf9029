import "server-only";
import { sharp } from "@/lib/media/sharp";
import { rng } from "./art";
import type { ImageTemplate } from "./catalog";

/** Long side of the work page's picture; cards use a 480 px wide cover. */
export const FULL_SIDE = 1024;
export const COVER_WIDTH = 480;

export function fullSize([rw, rh]: [number, number]): { width: number; height: number } {
  return rw >= rh
    ? { width: FULL_SIDE, height: Math.round((FULL_SIDE * rh) / rw) }
    : { width: Math.round((FULL_SIDE * rw) / rh), height: FULL_SIDE };
}

/** One demo picture, drawn from its template and seed: the large WebP and the card's cover. */
export async function renderWork(
  template: ImageTemplate,
  seed: string,
): Promise<{ full: Buffer; cover: Buffer; width: number; height: number }> {
  const { width, height } = fullSize(template.ratio);
  const body = template.draw(rng(seed), width, height);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${body}</svg>`;
  const raster = await sharp(Buffer.from(svg)).png({ compressionLevel: 0 }).toBuffer();
  const [full, cover] = await Promise.all([
    sharp(raster).webp({ quality: 78, effort: 4 }).toBuffer(),
    sharp(raster).resize({ width: COVER_WIDTH }).webp({ quality: 72, effort: 4 }).toBuffer(),
  ]);
  return { full, cover, width, height };
}
