import "server-only";
import type { Metadata } from "sharp";
import { sharp } from "@/lib/media/sharp";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { storage } from "@/lib/storage";
import type { TaskOutput, ToolCall } from "@/lib/tasks/model";
import type { OutputFormat } from "./plan";

// A tool's answer is fitted to exactly the size and format the call promised (and priced): a
// provider that only upscales 4× is resampled down to the 2× asked for (lanczos3), one that
// answers JPEG for a PNG call is re-encoded. Pictures already right are stored as they came.

export const MIME: Record<OutputFormat, string> = {
  png: "image/png",
  jpeg: "image/jpeg",
  webp: "image/webp",
};
const EXT: Record<OutputFormat, string> = { png: "png", jpeg: "jpg", webp: "webp" };
const FORMATS: Record<string, OutputFormat> = { png: "png", jpeg: "jpeg", webp: "webp" };

const pixelLimit = () => env.UPLOAD_MAX_PIXELS * 16 + 1;

/** The format sharp reads a stored input as ("jpg" → "jpeg"), for the default output format. */
export function formatOfMime(mime: string): OutputFormat {
  return mime === "image/jpeg" ? "jpeg" : mime === "image/webp" ? "webp" : "png";
}

export class BadToolAnswer extends Error {}

/** The picture at exactly `output` (width, height, format). */
export async function fitExact(bytes: Buffer, output: ToolCall["output"]): Promise<Buffer> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: pixelLimit() }).metadata();
  } catch {
    throw new BadToolAnswer("返回的图片无法解析");
  }
  const format = FORMATS[meta.format ?? ""];
  const height = meta.pageHeight ?? meta.height;
  if (!meta.width || !height) throw new BadToolAnswer("返回的图片无法解析");
  if (format === output.format && meta.width === output.width && height === output.height)
    return bytes;
  let img = sharp(bytes, { limitInputPixels: pixelLimit() });
  if (meta.width !== output.width || height !== output.height)
    img = img.resize(output.width, output.height, { kernel: "lanczos3", fit: "fill" });
  if (output.format === "jpeg") img = img.flatten({ background: "#ffffff" }).jpeg({ quality: 92 });
  else if (output.format === "webp") img = img.webp({ quality: 92 });
  else img = img.png();
  try {
    return await img.toBuffer();
  } catch {
    throw new BadToolAnswer("返回的图片无法解析");
  }
}

/** Stores a fitted picture; the task output describing it. */
export async function storeToolImage(
  bytes: Buffer,
  output: ToolCall["output"],
): Promise<TaskOutput> {
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, "/");
  const key = `gen/${day}/${newId()}.${EXT[output.format]}`;
  await storage.put(key, bytes, MIME[output.format]);
  return {
    key,
    type: "image",
    contentType: MIME[output.format],
    bytes: bytes.length,
    width: output.width,
    height: output.height,
    durationSec: null,
    thumbnailKey: null,
  };
}

export async function readStored(key: string): Promise<Buffer> {
  const found = await storage.get(key);
  if (!found) throw new ApiError("not_found", "图片已不存在", { param: "image" });
  const chunks: Buffer[] = [];
  for await (const c of found.stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A task-mode tool's downloaded outputs, fitted: the first picture becomes the call's one output
 * (stored anew when it had to change; the provider's copy and any extra pictures are removed).
 */
export async function fitTaskOutputs(outputs: TaskOutput[], call: ToolCall): Promise<TaskOutput[]> {
  const [first, ...extra] = outputs;
  await Promise.allSettled(extra.map((o) => storage.delete(o.key)));
  if (!first) return [];
  const bytes = await readStored(first.key);
  const fitted = await fitExact(bytes, call.output);
  if (fitted === bytes) return [first];
  const stored = await storeToolImage(fitted, call.output);
  await storage.delete(first.key).catch(() => undefined);
  return [stored];
}
