import "server-only";
import type { OverlayOptions, Sharp } from "sharp";
import { sharp } from "@/lib/media/sharp";
import { env } from "@/lib/env";
import type { OutputFormat } from "@/lib/operations/tools/plan";
import { renderArt } from "@/lib/seed/art";
import { TaskUpstreamError } from "../task-types";
import type { ToolAdapter, ToolJob } from "../tool-types";

// The built-in mock's image tools, done here with sharp — deterministic (the same picture and
// parameters always give the same bytes) and honest about what they are:
//   upscale     lanczos3 resampling to exactly the asked size (no detail is invented);
//   outpaint    the canvas extended with a mirrored, blurred copy of the picture (more blur with
//               more creativity; a prompt only tints the new margins with its artwork);
//   background  the backdrop found by flood-filling from the borders (pixels close to the
//               dominant border colour, reached without crossing an edge) — no segmentation
//               model, so it works on product shots against a plain backdrop, not on busy scenes;
//               replace composites the subject onto a colour, a given picture or the prompt's art.
// "#fail" in a prompt fails the call, as with the mock's videos.

/** Colour distance (RGB, Euclidean) from the backdrop colour that still counts as backdrop. */
const BACKDROP_TOLERANCE = 60;
/** …and between neighbours while filling, so a soft gradient is followed but an edge stops it. */
const EDGE_TOLERANCE = 30;

const limit = () => env.UPLOAD_MAX_PIXELS * 16 + 1;
const open = (bytes: Buffer) => sharp(bytes, { limitInputPixels: limit() });

function encode(img: Sharp, format: OutputFormat): Promise<Buffer> {
  if (format === "jpeg") return img.jpeg({ quality: 92 }).toBuffer();
  if (format === "webp") return img.webp({ quality: 92 }).toBuffer();
  return img.png().toBuffer();
}

function failOn(prompt: string | null) {
  if (prompt?.includes("#fail"))
    throw new TaskUpstreamError("模拟失败：提示词包含 #fail", false, null, 400);
}

async function wait(ms: number, signal: AbortSignal) {
  if (ms <= 0) return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason ?? new Error("aborted"));
      },
      { once: true },
    );
  });
}

export type Rgba = { data: Buffer; width: number; height: number };

async function rgba(bytes: Buffer): Promise<Rgba> {
  const { data, info } = await open(bytes)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** The dominant colour of the border: the fullest 5-bit bucket, averaged. */
function borderColour({ data, width, height }: Rgba): [number, number, number] {
  const buckets = new Map<number, { n: number; r: number; g: number; b: number }>();
  const add = (i: number) => {
    const o = i * 4;
    const key = ((data[o] >> 3) << 10) | ((data[o + 1] >> 3) << 5) | (data[o + 2] >> 3);
    const bucket = buckets.get(key) ?? { n: 0, r: 0, g: 0, b: 0 };
    bucket.n++;
    bucket.r += data[o];
    bucket.g += data[o + 1];
    bucket.b += data[o + 2];
    buckets.set(key, bucket);
  };
  for (let x = 0; x < width; x++) {
    add(x);
    add((height - 1) * width + x);
  }
  for (let y = 1; y < height - 1; y++) {
    add(y * width);
    add(y * width + width - 1);
  }
  let best = { n: 0, r: 0, g: 0, b: 0 };
  for (const b of buckets.values()) if (b.n > best.n) best = b;
  return [best.r / best.n, best.g / best.n, best.b / best.n];
}

/**
 * The subject's alpha (255 = subject, 0 = backdrop). A picture that already has transparency
 * (say, a background removed by an earlier step) keeps its own alpha.
 */
export function subjectAlpha(img: Rgba): Uint8Array {
  const { data, width, height } = img;
  const n = width * height;
  const alpha = new Uint8Array(n);
  let transparent = 0;
  for (let i = 0; i < n; i++) {
    alpha[i] = data[i * 4 + 3];
    if (alpha[i] < 128) transparent++;
  }
  if (transparent > n * 0.005) return alpha;

  const [sr, sg, sb] = borderColour(img);
  const t2 = BACKDROP_TOLERANCE ** 2;
  const e2 = EDGE_TOLERANCE ** 2;
  const dist2 = (o: number, r: number, g: number, b: number) =>
    (data[o] - r) ** 2 + (data[o + 1] - g) ** 2 + (data[o + 2] - b) ** 2;
  const backdrop = new Uint8Array(n);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  const seed = (i: number) => {
    if (!backdrop[i] && dist2(i * 4, sr, sg, sb) <= t2) {
      backdrop[i] = 1;
      queue[tail++] = i;
    }
  };
  for (let x = 0; x < width; x++) {
    seed(x);
    seed((height - 1) * width + x);
  }
  for (let y = 0; y < height; y++) {
    seed(y * width);
    seed(y * width + width - 1);
  }
  while (head < tail) {
    const i = queue[head++];
    const x = i % width;
    const o = i * 4;
    const visit = (j: number) => {
      if (backdrop[j]) return;
      const p = j * 4;
      if (dist2(p, sr, sg, sb) > t2) return;
      if (dist2(p, data[o], data[o + 1], data[o + 2]) > e2) return;
      backdrop[j] = 1;
      queue[tail++] = j;
    };
    if (x > 0) visit(i - 1);
    if (x < width - 1) visit(i + 1);
    if (i >= width) visit(i - width);
    if (i < n - width) visit(i + width);
  }
  for (let i = 0; i < n; i++) alpha[i] = backdrop[i] ? 0 : 255;
  return alpha;
}

/** The picture with the subject's alpha, edges softened by a one-pixel blur of the mask. */
async function cutOut(bytes: Buffer): Promise<{ image: Sharp; width: number; height: number }> {
  const img = await rgba(bytes);
  const mask = await sharp(Buffer.from(subjectAlpha(img)), {
    raw: { width: img.width, height: img.height, channels: 1 },
  })
    .blur(0.8)
    .toColourspace("b-w")
    .raw()
    .toBuffer();
  const rgb = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 4 } })
    .removeAlpha()
    .raw()
    .toBuffer();
  const image = sharp(rgb, {
    raw: { width: img.width, height: img.height, channels: 3 },
  }).joinChannel(mask, { raw: { width: img.width, height: img.height, channels: 1 } });
  return { image, width: img.width, height: img.height };
}

async function backdrop(job: ToolJob, width: number, height: number): Promise<Buffer> {
  const spec = job.spec;
  if (spec.op !== "image.background") throw new Error("not a background call");
  if (spec.color)
    return sharp({ create: { width, height, channels: 3, background: spec.color } })
      .png()
      .toBuffer();
  if (job.background)
    return open(job.background.bytes)
      .resize(width, height, { fit: "cover" })
      .removeAlpha()
      .png()
      .toBuffer();
  return renderArt(`${spec.prompt ?? ""}#backdrop`, width, height, "png");
}

async function background(job: ToolJob): Promise<Buffer> {
  const spec = job.spec;
  if (spec.op !== "image.background") throw new Error("not a background call");
  failOn(spec.prompt);
  const cut = await cutOut(job.image.bytes);
  const subject = await cut.image.png().toBuffer();
  if (spec.mode === "remove") return encode(sharp(subject), job.output.format);
  const base = await backdrop(job, cut.width, cut.height);
  return encode(
    sharp(base)
      .composite([{ input: subject, top: 0, left: 0 }])
      .removeAlpha(),
    job.output.format,
  );
}

async function outpaint(job: ToolJob): Promise<Buffer> {
  const spec = job.spec;
  if (spec.op !== "image.outpaint") throw new Error("not an outpaint call");
  failOn(spec.prompt);
  const { width, height } = job.output;
  const src = await open(job.image.bytes).removeAlpha().png().toBuffer();
  const mirrored = await sharp(src)
    .extend({
      top: spec.up,
      bottom: spec.down,
      left: spec.left,
      right: spec.right,
      extendWith: "mirror",
    })
    .png()
    .toBuffer();
  const sigma = 1 + (Math.min(width, height) / 30) * (0.25 + spec.creativity);
  const layers: OverlayOptions[] = [];
  if (spec.prompt) {
    const art = await sharp(await renderArt(`${spec.prompt}#outpaint`, width, height, "png"))
      .removeAlpha()
      .ensureAlpha(0.15 + 0.35 * spec.creativity)
      .png()
      .toBuffer();
    layers.push({ input: art, top: 0, left: 0 });
  }
  layers.push({ input: src, top: spec.up, left: spec.left });
  return encode(
    sharp(await sharp(mirrored).blur(sigma).png().toBuffer()).composite(layers),
    job.output.format,
  );
}

async function upscale(job: ToolJob): Promise<Buffer> {
  const { width, height, format } = job.output;
  return encode(
    open(job.image.bytes).resize(width, height, { kernel: "lanczos3", fit: "fill" }),
    format,
  );
}

export const mockTools: ToolAdapter = {
  operations: ["image.upscale", "image.outpaint", "image.background"],
  mode: () => "sync",
  async run(_access, job, signal) {
    await wait(env.MOCK_TOOL_MS, signal);
    if (job.op === "image.upscale") return upscale(job);
    if (job.op === "image.outpaint") return outpaint(job);
    return background(job);
  },
};
