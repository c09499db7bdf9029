import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { env } from "@/lib/env";
import { drainBody } from "@/lib/api/body";
import { ApiError } from "@/lib/errors";
import { inspectImage, type UploadedImage } from "./inspect";
import { readMultipart, tooLarge, type UploadLimits } from "./multipart";

export type { UploadedImage } from "./inspect";
import { uploadDirPrefix } from "./sweep";
export { startTempSweeper, sweepTempDir } from "./sweep";

export type Upload = {
  fields: Map<string, string>;
  images: UploadedImage[];
  mask: UploadedImage | null;
};

/** The OpenAI edits endpoint takes up to 16 images; plus one mask. */
export const MAX_UPLOAD_IMAGES = 16;

export function uploadLimits(): UploadLimits {
  return {
    maxFileBytes: env.UPLOAD_MAX_BYTES,
    maxTotalBytes: Math.max(env.UPLOAD_MAX_TOTAL_BYTES, env.UPLOAD_MAX_BYTES + 1024 * 1024),
    maxFiles: MAX_UPLOAD_IMAGES + 1,
    maxFields: 32,
    maxFieldBytes: 64 * 1024,
  };
}

/**
 * Parses an image upload into a private temp directory, validates it, runs `handle` and removes
 * the directory afterwards, whatever happened. Files are only valid inside `handle`.
 */
export async function withUpload<T>(
  req: Request,
  handle: (upload: Upload) => Promise<T>,
): Promise<T> {
  const contentType = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\b/i.test(contentType)) {
    throw new ApiError("invalid_request", "请求必须是 multipart/form-data");
  }
  const limits = uploadLimits();
  if (!req.body) throw new ApiError("invalid_request", "缺少请求体");
  if (Number(req.headers.get("content-length")) > limits.maxTotalBytes) {
    drainBody(req.body.getReader());
    throw tooLarge("请求体超过上限");
  }

  await fs.mkdir(env.tmpDir, { recursive: true });
  const dir = await fs.mkdtemp(path.join(env.tmpDir, uploadDirPrefix()));
  try {
    const body = Readable.fromWeb(req.body as unknown as NodeWebStream<Uint8Array>);
    const raw = await readMultipart(body, contentType, dir, limits);
    const upload = await validate(raw.files, raw.fields);
    return await handle(upload);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

async function validate(
  files: Awaited<ReturnType<typeof readMultipart>>["files"],
  fields: Map<string, string>,
): Promise<Upload> {
  const rawImages = files.filter((f) => f.field === "image");
  const rawMasks = files.filter((f) => f.field === "mask");
  if (rawImages.length === 0)
    throw new ApiError("invalid_request", "缺少图片：请上传 image 或 image[]", { param: "image" });
  if (rawImages.length > MAX_UPLOAD_IMAGES) {
    throw new ApiError("invalid_request", `最多上传 ${MAX_UPLOAD_IMAGES} 张图片`, {
      param: "image",
    });
  }
  if (rawMasks.length > 1)
    throw new ApiError("invalid_request", "只能上传一个 mask", { param: "mask" });

  const images: UploadedImage[] = [];
  for (const f of rawImages) images.push(await inspectImage(f, env.UPLOAD_MAX_PIXELS));
  const mask = rawMasks[0] ? await inspectImage(rawMasks[0], env.UPLOAD_MAX_PIXELS) : null;
  if (mask) {
    if (mask.mime !== "image/png")
      throw new ApiError("invalid_request", "mask 必须是 PNG 图片", { param: "mask" });
    const first = images[0];
    if (mask.width !== first.width || mask.height !== first.height) {
      throw new ApiError(
        "invalid_request",
        `mask 尺寸（${mask.width}×${mask.height}）必须与第一张图片（${first.width}×${first.height}）一致`,
        { param: "mask" },
      );
    }
  }
  return { fields, images, mask };
}
