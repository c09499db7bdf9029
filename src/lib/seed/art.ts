import "server-only";
import { sharp } from "@/lib/media/sharp";

// Deterministic abstract artwork for the seed gallery and the built-in mock image model:
// the same seed string always gives the same picture, different seeds look clearly different.

export function rng(seed: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  return () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return ((h ^= h >>> 16) >>> 0) / 4294967296;
  };
}

const PALETTES = [
  ["#0f2027", "#2c5364", "#f7797d"],
  ["#1a2a6c", "#b21f1f", "#fdbb2d"],
  ["#000428", "#004e92", "#00d2ff"],
  ["#232526", "#414345", "#e0e0e0"],
  ["#42275a", "#734b6d", "#f3c4fb"],
  ["#134e5e", "#71b280", "#f0f2a6"],
  ["#3a1c71", "#d76d77", "#ffaf7b"],
  ["#0b0b0b", "#5f5f5f", "#f5f5f5"],
  ["#1d4350", "#a43931", "#ede574"],
  ["#2b5876", "#4e4376", "#c6ffdd"],
];

export function artSvg(seed: string, width: number, height: number): string {
  const r = rng(seed);
  const [a, b, c] = PALETTES[Math.floor(r() * PALETTES.length)];
  const angle = Math.floor(r() * 360);
  const shapes: string[] = [];
  const count = 4 + Math.floor(r() * 6);
  for (let i = 0; i < count; i++) {
    const x = r() * width;
    const y = r() * height;
    const size = (0.1 + r() * 0.45) * Math.min(width, height);
    const color = [a, b, c][i % 3];
    const opacity = (0.25 + r() * 0.5).toFixed(2);
    if (r() < 0.6) {
      shapes.push(
        `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${size.toFixed(1)}" fill="${color}" fill-opacity="${opacity}"/>`,
      );
    } else {
      const rot = Math.floor(r() * 90);
      shapes.push(
        `<rect x="${(x - size / 2).toFixed(1)}" y="${(y - size / 2).toFixed(1)}" width="${size.toFixed(1)}" height="${(size * (0.3 + r())).toFixed(1)}" fill="${color}" fill-opacity="${opacity}" transform="rotate(${rot} ${x.toFixed(1)} ${y.toFixed(1)})"/>`,
      );
    }
  }
  const horizon = (0.45 + r() * 0.3) * height;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<defs><linearGradient id="g" gradientTransform="rotate(${angle} .5 .5)"><stop offset="0" stop-color="${a}"/><stop offset=".6" stop-color="${b}"/><stop offset="1" stop-color="${c}"/></linearGradient>
<filter id="blur"><feGaussianBlur stdDeviation="${(Math.min(width, height) / 60).toFixed(1)}"/></filter></defs>
<rect width="100%" height="100%" fill="url(#g)"/>
<g filter="url(#blur)">${shapes.join("")}</g>
<rect y="${horizon.toFixed(1)}" width="100%" height="${(height - horizon).toFixed(1)}" fill="${a}" fill-opacity="0.25"/>
</svg>`;
}

export async function renderArt(
  seed: string,
  width: number,
  height: number,
  format: "webp" | "png" | "jpeg" = "webp",
): Promise<Buffer> {
  const img = sharp(Buffer.from(artSvg(seed, width, height)));
  if (format === "png") return img.png({ compressionLevel: 9 }).toBuffer();
  if (format === "jpeg") return img.jpeg({ quality: 80, mozjpeg: true }).toBuffer();
  return img.webp({ quality: 68, effort: 4 }).toBuffer();
}
