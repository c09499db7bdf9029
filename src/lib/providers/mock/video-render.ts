import "server-only";
import { sharp } from "@/lib/media/sharp";
import { artSvg } from "@/lib/seed/art";

// The mock video model's picture: a real H.264 MP4 (pure WASM encoder from npm, no ffmpeg)
// that shows its prompt — a title card, then the prompt's artwork (or the reference image) with
// a shape moving across it, the prompt as a caption and a running clock — plus a JPEG poster.

export const FPS = 12;
const TITLE_SECONDS = 1;

const escapeXml = (s: string) =>
  s.replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!,
  );

/** Wraps text into lines of at most `width` units (CJK characters count 2, others 1). */
export function wrapText(text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = "";
  let units = 0;
  for (const ch of text.replace(/\s+/g, " ").trim()) {
    const w = /[\u2e80-\uffff]/.test(ch) ? 2 : 1;
    if (units + w > width) {
      lines.push(line);
      if (lines.length === maxLines)
        return [...lines.slice(0, -1), `${lines[maxLines - 1].slice(0, -1)}…`];
      line = "";
      units = 0;
    }
    line += ch;
    units += w;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [" "];
}

function titleSvg(prompt: string, w: number, h: number, t: number): string {
  const font = Math.round(Math.min(w, h) / 14);
  const lines = wrapText(prompt, Math.max(8, Math.floor((w * 0.8) / (font * 0.55))), 5);
  const top = h / 2 - ((lines.length - 1) * font * 1.3) / 2;
  const opacity = Math.min(1, t * 3).toFixed(2);
  const text = lines
    .map(
      (l, i) =>
        `<text x="${w / 2}" y="${(top + i * font * 1.3).toFixed(1)}" text-anchor="middle" font-size="${font}" fill="#fff" font-family="sans-serif" font-weight="bold">${escapeXml(l)}</text>`,
    )
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="100%" height="100%" fill="#000"/><g opacity="${opacity}">${text}</g><text x="${w / 2}" y="${(h * 0.9).toFixed(1)}" text-anchor="middle" font-size="${Math.round(font / 2)}" fill="#aaa" font-family="sans-serif">AIGC Studio · mock video</text></svg>`;
}

function overlaySvg(prompt: string, w: number, h: number, t: number, total: number): string {
  const r = Math.min(w, h) / 8;
  const p = t / total;
  const cx = r + (w - 2 * r) * p;
  const cy = h * 0.45 + Math.sin(p * Math.PI * 4) * h * 0.12;
  const font = Math.round(Math.min(w, h) / 22);
  const lines = wrapText(prompt, Math.max(8, Math.floor((w * 0.9) / (font * 0.55))), 2);
  const band = font * 1.4 * lines.length + font;
  const caption = lines
    .map(
      (l, i) =>
        `<text x="${(w * 0.05).toFixed(1)}" y="${(h - band + font * 1.2 + i * font * 1.4).toFixed(1)}" font-size="${font}" fill="#fff" font-family="sans-serif">${escapeXml(l)}</text>`,
    )
    .join("");
  const clock = `00:${t.toFixed(1).padStart(4, "0")}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="${r.toFixed(1)}" fill="#fff" fill-opacity="0.85"/>
<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="${(r * 0.45).toFixed(1)}" fill="#000" fill-opacity="0.8"/>
<rect y="${(h - band).toFixed(1)}" width="100%" height="${band.toFixed(1)}" fill="#000" fill-opacity="0.55"/>${caption}
<rect x="0" y="${h - 6}" width="${(w * p).toFixed(1)}" height="6" fill="#fff"/>
<text x="${w - 12}" y="${font + 8}" text-anchor="end" font-size="${font}" fill="#fff" font-family="monospace">${clock}</text>
</svg>`;
}

export type Rendered = { mp4: Buffer; poster: Buffer; width: number; height: number };

type Encoder = Awaited<ReturnType<typeof import("h264-mp4-encoder").createH264MP4Encoder>>;
let outputSeq = 0;

/**
 * Renders `seconds` of video at `width`×`height` (both even). Frames are drawn by sharp and fed
 * to the encoder one at a time, yielding between frames so the server keeps answering.
 */
export async function renderMockVideo(input: {
  prompt: string;
  width: number;
  height: number;
  seconds: number;
  reference: Buffer | null;
}): Promise<Rendered> {
  const { prompt, width: w, height: h, seconds } = input;
  const background = await sharp(input.reference ?? Buffer.from(artSvg(prompt, w, h)))
    .resize(w, h, { fit: "cover" })
    .removeAlpha()
    .png()
    .toBuffer();
  const { createH264MP4Encoder } = await import("h264-mp4-encoder");
  const encoder: Encoder = await createH264MP4Encoder();
  encoder.width = w;
  encoder.height = h;
  encoder.frameRate = FPS;
  encoder.speed = 10;
  encoder.quantizationParameter = 30;
  encoder.groupOfPictures = FPS * 2;
  encoder.outputFilename = `mock-${process.pid}-${++outputSeq}.mp4`;
  encoder.initialize();
  let poster: Buffer | null = null;
  try {
    const frames = Math.round(seconds * FPS);
    for (let i = 0; i < frames; i++) {
      const t = i / FPS;
      const frame =
        t < TITLE_SECONDS
          ? sharp(Buffer.from(titleSvg(prompt, w, h, t)))
          : sharp(background).composite([
              { input: Buffer.from(overlaySvg(prompt, w, h, t, seconds)), top: 0, left: 0 },
            ]);
      const raw = await frame.ensureAlpha().raw().toBuffer();
      encoder.addFrameRgba(raw);
      if (!poster && t >= TITLE_SECONDS + 0.5)
        poster = await sharp(raw, { raw: { width: w, height: h, channels: 4 } })
          .removeAlpha()
          .jpeg({ quality: 82 })
          .toBuffer();
      await new Promise((r) => setImmediate(r));
    }
    encoder.finalize();
    const mp4 = Buffer.from(encoder.FS.readFile(encoder.outputFilename));
    encoder.FS.unlink(encoder.outputFilename);
    poster ??= await sharp(background).jpeg({ quality: 82 }).toBuffer();
    return { mp4, poster, width: w, height: h };
  } finally {
    encoder.delete();
  }
}
