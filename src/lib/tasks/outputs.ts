import "server-only";
import { Readable } from "node:stream";
import type { Metadata } from "sharp";
import { sharp } from "@/lib/media/sharp";
import { logger } from "@/lib/logger";
import { newId } from "@/lib/ids";
import type { ProviderAccess } from "@/lib/providers/access";
import { openResultFile } from "@/lib/providers/task-http";
import { type RemoteFile, type TaskOutputRef, TaskUpstreamError } from "@/lib/providers/task-types";
import { artSvg } from "@/lib/seed/art";
import { storage } from "@/lib/storage";
import type { ParsedTask, TaskOutput } from "./model";

// Results are stored before a task is completed (the product documents: download, store,
// record, then report done). Videos stream from the provider straight into storage (disk or S3)
// — never whole in memory — and must look like a video by their first bytes; images and posters
// are small and are checked by decoding them. Nothing stays stored when any output fails.

const MAX_IMAGE_BYTES = 50 * 1024 * 1024;

const dayPath = () => new Date().toISOString().slice(0, 10).replace(/-/g, "/");

const VIDEO_SIGNATURES: { ext: string; type: string; test: (b: Buffer) => boolean }[] = [
  { ext: "mp4", type: "video/mp4", test: (b) => b.toString("latin1", 4, 8) === "ftyp" },
  { ext: "webm", type: "video/webm", test: (b) => b.readUInt32BE(0) === 0x1a45dfa3 },
];

/** Peeks the first bytes of a stream and gives back a stream that still has them. */
async function sniff(body: Readable, n = 16): Promise<{ head: Buffer; stream: Readable }> {
  const it = body[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < n) {
    const next = await it.next();
    if (next.done) {
      done = true;
      break;
    }
    const buf = Buffer.from(next.value as Buffer);
    chunks.push(buf);
    size += buf.length;
  }
  const head = Buffer.concat(chunks);
  async function* rest() {
    yield head;
    if (done) return;
    for (;;) {
      const next = await it.next();
      if (next.done) return;
      yield Buffer.from(next.value as Buffer);
    }
  }
  return { head, stream: Readable.from(rest()) };
}

async function readAll(body: Readable, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of body) {
    size += (c as Buffer).length;
    if (size > max) {
      body.destroy();
      throw new TaskUpstreamError("上游返回的图片过大", false);
    }
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

const IMAGE_FORMATS: Record<string, { ext: string; type: string }> = {
  png: { ext: "png", type: "image/png" },
  jpeg: { ext: "jpg", type: "image/jpeg" },
  webp: { ext: "webp", type: "image/webp" },
  gif: { ext: "gif", type: "image/gif" },
};

/** Stores a small image file after decoding its header; returns key, type and size. */
async function storeImage(bytes: Buffer, slug: string, suffix = "") {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: 100_000_000 }).metadata();
  } catch {
    throw new TaskUpstreamError(`上游服务 ${slug} 返回的图片无法解析`, false);
  }
  const format = IMAGE_FORMATS[meta.format ?? ""];
  if (!format || !meta.width || !meta.height)
    throw new TaskUpstreamError(`上游服务 ${slug} 返回的图片格式不受支持`, false);
  const key = `gen/${dayPath()}/${newId()}${suffix}.${format.ext}`;
  await storage.put(key, bytes, format.type);
  return {
    key,
    type: format.type,
    width: meta.width,
    height: meta.pageHeight ?? meta.height,
    bytes: bytes.length,
  };
}

async function storeVideo(access: ProviderAccess, file: RemoteFile, keys: string[]) {
  const opened = await openResultFile(access, file);
  const { head, stream } = await sniff(opened.body);
  const kind = VIDEO_SIGNATURES.find((s) => head.length >= 8 && s.test(head));
  if (!kind) {
    opened.body.destroy();
    throw new TaskUpstreamError(`上游服务 ${access.slug} 返回的不是视频文件`, false);
  }
  const key = `gen/${dayPath()}/${newId()}.${kind.ext}`;
  keys.push(key);
  try {
    const stored = await storage.putStream(key, stream, { contentType: kind.type });
    return { key, type: kind.type, bytes: stored.size };
  } catch (err) {
    if (err instanceof TaskUpstreamError) throw err;
    // A broken transfer (reset, idle timeout, size cap) may work on the next try.
    throw new TaskUpstreamError(`上游服务 ${access.slug} 的结果文件下载中断`, true);
  }
}

/** A poster when the provider has none: the prompt's artwork, so the gallery card is never blank. */
async function fallbackPoster(prompt: string, width: number, height: number): Promise<Buffer> {
  const scale = Math.min(1, 720 / Math.max(width, height));
  const w = Math.round(width * scale);
  const h = Math.round(height * scale);
  return sharp(Buffer.from(artSvg(prompt, w, h)))
    .jpeg({ quality: 80 })
    .toBuffer();
}

function sizeOf(size: string | undefined): { width: number; height: number } | null {
  const m = size ? /^(\d+)x(\d+)$/.exec(size) : null;
  return m ? { width: Number(m[1]), height: Number(m[2]) } : null;
}

/**
 * Downloads and stores every output of a finished provider job. On any failure the files stored
 * so far are deleted and the error is rethrown (TaskUpstreamError says whether to retry).
 */
export async function storeTaskOutputs(
  access: ProviderAccess,
  task: ParsedTask,
  refs: TaskOutputRef[],
  reportedSeconds: number | null,
): Promise<TaskOutput[]> {
  const keys: string[] = [];
  try {
    const out: TaskOutput[] = [];
    for (const ref of refs) {
      if (ref.type === "image") {
        const opened = await openResultFile(access, ref.file, MAX_IMAGE_BYTES);
        const img = await storeImage(await readAll(opened.body, MAX_IMAGE_BYTES), access.slug);
        keys.push(img.key);
        out.push({
          key: img.key,
          type: "image",
          contentType: img.type,
          bytes: img.bytes,
          width: img.width,
          height: img.height,
          durationSec: null,
          thumbnailKey: null,
        });
        continue;
      }
      const video = await storeVideo(access, ref.file, keys);
      const dims = sizeOf(task.inputData.params.size) ?? { width: 720, height: 1280 };
      let poster: Awaited<ReturnType<typeof storeImage>> | null = null;
      if (ref.thumbnail) {
        try {
          const opened = await openResultFile(access, ref.thumbnail, MAX_IMAGE_BYTES);
          poster = await storeImage(
            await readAll(opened.body, MAX_IMAGE_BYTES),
            access.slug,
            "-poster",
          );
        } catch (err) {
          logger.warn(
            { taskId: task.id, reason: (err as Error).message },
            "provider poster unavailable",
          );
        }
      }
      poster ??= await storeImage(
        await fallbackPoster(task.inputData.prompt, dims.width, dims.height),
        access.slug,
        "-poster",
      );
      keys.push(poster.key);
      out.push({
        key: video.key,
        type: "video",
        contentType: video.type,
        bytes: video.bytes,
        width: dims.width,
        height: dims.height,
        durationSec: reportedSeconds ?? task.inputData.params.seconds ?? null,
        thumbnailKey: poster.key,
      });
    }
    return out;
  } catch (err) {
    await discardKeys(keys);
    throw err;
  }
}

export async function discardKeys(keys: string[]): Promise<void> {
  await Promise.allSettled(keys.map((k) => storage.delete(k)));
}

export const outputKeys = (outputs: TaskOutput[]) =>
  outputs.flatMap((o) => (o.thumbnailKey ? [o.key, o.thumbnailKey] : [o.key]));
