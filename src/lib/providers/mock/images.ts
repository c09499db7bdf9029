import "server-only";
import { sharp } from "@/lib/media/sharp";
import { renderArt } from "@/lib/seed/art";

// Images for the mock provider, rendered locally: generations are seeded by the prompt, edits
// visibly transform the uploaded picture (negated, tinted and overlaid with the prompt's art).

const MAX_SIDE = 2048;

export function parseSize(
  size: unknown,
  fallback = { w: 1024, h: 1024 },
): { w: number; h: number } | null {
  if (size === undefined || size === null || size === "" || size === "auto") return fallback;
  const m = typeof size === "string" ? /^(\d{2,4})x(\d{2,4})$/.exec(size) : null;
  if (!m) return null;
  const w = Number(m[1]);
  const h = Number(m[2]);
  return w <= MAX_SIDE && h <= MAX_SIDE && w >= 16 && h >= 16 ? { w, h } : null;
}

export function clampN(n: unknown): number {
  const v = typeof n === "string" ? Number(n) : typeof n === "number" ? n : 1;
  return Number.isInteger(v) && v >= 1 && v <= 10 ? v : 1;
}

export function toData(png: Buffer, responseFormat: unknown): { b64_json?: string; url?: string } {
  // No server to host a file: a data: URL is a real URL any fetch can read.
  if (responseFormat === "url") return { url: `data:image/png;base64,${png.toString("base64")}` };
  return { b64_json: png.toString("base64") };
}

export async function generateImages(
  prompt: string,
  n: number,
  size: { w: number; h: number },
): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (let i = 0; i < n; i++) out.push(await renderArt(`${prompt}#${i}`, size.w, size.h, "png"));
  return out;
}

export async function editImage(
  input: Buffer,
  prompt: string,
  index: number,
  size: { w: number; h: number } | null,
): Promise<Buffer> {
  const meta = await sharp(input).metadata();
  const w = size?.w ?? meta.width ?? 512;
  const h = size?.h ?? meta.height ?? 512;
  const overlay = await sharp(await renderArt(`${prompt}#edit${index}`, w, h, "png"))
    .removeAlpha()
    .ensureAlpha(0.45)
    .png()
    .toBuffer();
  return sharp(input)
    .resize(w, h, { fit: "cover" })
    .negate({ alpha: false })
    .tint({ r: 255, g: 140 + ((index * 40) % 100), b: 60 })
    .composite([{ input: overlay, blend: "over" }])
    .png()
    .toBuffer();
}
