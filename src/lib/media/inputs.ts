import "server-only";
import { fileTypeFromBuffer } from "file-type";
import fs from "node:fs/promises";
import { sharp } from "@/lib/media/sharp";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { fetchOutbound, OutboundError } from "@/lib/net/outbound";
import { storage } from "@/lib/storage";
import { isSafeKey } from "@/lib/storage/types";
import type { UploadedImage } from "@/lib/uploads";

// Input images a task keeps (image→video references): judged by their bytes, within the upload
// limits, then stored under inputs/ so the task can send them upstream later — after a restart,
// or from another instance. A URL given instead of a file is fetched through the outbound guard.

export type StoredInput = { key: string; mime: string; width: number; height: number };

const TYPES: Record<string, string> = { png: "image/png", jpg: "image/jpeg", webp: "image/webp" };

const bad = (param: string, message: string) => new ApiError("invalid_request", message, { param });

/** Judges input bytes like an upload: type by magic bytes, pixels, a decodable picture. */
async function inspect(bytes: Buffer, param: string) {
  if (bytes.length > env.UPLOAD_MAX_BYTES)
    throw new ApiError("payload_too_large", "参考图片超过大小上限", { param });
  const kind = await fileTypeFromBuffer(bytes).catch(() => undefined);
  const mime = kind ? TYPES[kind.ext] : undefined;
  if (!kind || !mime)
    throw new ApiError("unsupported_media_type", "只支持 PNG、JPEG、WebP 图片", { param });
  let width = 0;
  let height = 0;
  try {
    const img = sharp(bytes, { limitInputPixels: env.UPLOAD_MAX_PIXELS, failOn: "truncated" });
    const meta = await img.metadata();
    width = meta.width ?? 0;
    height = meta.pageHeight ?? meta.height ?? 0;
    await img.resize(16, 16, { fit: "inside" }).raw().toBuffer();
  } catch {
    throw bad(param, "参考图片已损坏、无法解析或像素过多");
  }
  if (!width || !height) throw bad(param, "参考图片已损坏或无法解析");
  return { kind, mime, width, height };
}

async function store(bytes: Buffer, param: string): Promise<StoredInput> {
  const { kind, mime, width, height } = await inspect(bytes, param);
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, "/");
  const key = `inputs/${day}/${newId()}.${kind.ext}`;
  await storage.put(key, bytes, mime);
  return { key, mime, width, height };
}

/** An uploaded (already inspected) image file. */
export async function storeUploadedInput(file: UploadedImage, param: string): Promise<StoredInput> {
  return store(await fs.readFile(file.path), param);
}

/** A data: URL or an http(s) URL the client gave instead of a file. */
export async function storeInputUrl(url: string, param: string): Promise<StoredInput> {
  const data = /^data:([\w.+/-]+)?;base64,(.*)$/s.exec(url);
  if (data) {
    if (data[2].length > Math.ceil((env.UPLOAD_MAX_BYTES * 4) / 3) + 4)
      throw new ApiError("payload_too_large", "参考图片超过大小上限", { param });
    return store(Buffer.from(data[2], "base64"), param);
  }
  if (!/^https?:\/\//i.test(url)) throw bad(param, "image_url 必须是 http(s) 或 data: URL");
  const chunks: Buffer[] = [];
  try {
    const res = await fetchOutbound(url, {
      timeoutMs: env.OUTBOUND_TIMEOUT_MS,
      maxBytes: env.UPLOAD_MAX_BYTES,
    });
    for await (const c of res.body) chunks.push(c as Buffer);
  } catch (err) {
    if (err instanceof OutboundError && err.reason === "body too large")
      throw new ApiError("payload_too_large", "参考图片超过大小上限", { param });
    throw bad(param, "无法读取 image_url 指向的图片");
  }
  return store(Buffer.concat(chunks), param);
}

export async function discardInputs(inputs: StoredInput[]): Promise<void> {
  await Promise.allSettled(inputs.map((i) => storage.delete(i.key)));
}

/**
 * A picture already in our storage (a generation, a gallery work), named by its media key:
 * judged like an upload and used where it is (not copied — so never discard it).
 */
export async function storedInputFromKey(key: string, param: string): Promise<StoredInput> {
  const found = isSafeKey(key) ? await storage.stat(key) : null;
  if (!found) throw bad(param, "图片不存在或已被删除");
  if (found.size > env.UPLOAD_MAX_BYTES)
    throw new ApiError("payload_too_large", "图片超过大小上限", { param });
  const got = await storage.get(key);
  if (!got) throw bad(param, "图片不存在或已被删除");
  const chunks: Buffer[] = [];
  for await (const c of got.stream) chunks.push(c as Buffer);
  const { mime, width, height } = await inspect(Buffer.concat(chunks), param);
  return { key, mime, width, height };
}
