import "server-only";
import { fileTypeFromFile } from "file-type";
import { sharp } from "@/lib/media/sharp";
import { ApiError } from "@/lib/errors";
import type { RawFile } from "./multipart";

// Judges an uploaded file by its bytes, never by its name or declared type.

export type ImageMime = "image/png" | "image/jpeg" | "image/webp";
export type UploadedImage = RawFile & {
  mime: ImageMime;
  ext: "png" | "jpg" | "webp";
  width: number;
  height: number;
};

const ALLOWED: Record<string, { mime: ImageMime; ext: UploadedImage["ext"] }> = {
  png: { mime: "image/png", ext: "png" },
  jpg: { mime: "image/jpeg", ext: "jpg" },
  webp: { mime: "image/webp", ext: "webp" },
};

export async function inspectImage(file: RawFile, maxPixels: number): Promise<UploadedImage> {
  const param = file.field;
  const kind = file.size > 0 ? await fileTypeFromFile(file.path).catch(() => undefined) : undefined;
  const allowed = kind ? ALLOWED[kind.ext] : undefined;
  if (!allowed)
    throw new ApiError("unsupported_media_type", "只支持 PNG、JPEG、WebP 图片", { param });

  // limitInputPixels makes libvips refuse oversized images from the header alone, before it
  // allocates anything: a tiny file that decompresses to gigapixels never gets decoded.
  const open = () => sharp(file.path, { limitInputPixels: maxPixels, failOn: "truncated" });
  let width = 0;
  let height = 0;
  try {
    const meta = await open().metadata();
    width = meta.width ?? 0;
    height = meta.pageHeight ?? meta.height ?? 0;
  } catch {
    throw new ApiError("invalid_request", "图片已损坏或无法解析", { param });
  }
  if (!width || !height) throw new ApiError("invalid_request", "图片已损坏或无法解析", { param });
  if (width * height > maxPixels) {
    throw new ApiError(
      "invalid_request",
      `图片像素过多（${width}×${height}），上限 ${maxPixels} 像素`,
      { param },
    );
  }
  try {
    // A full (shrinking) decode catches truncated or corrupt pixel data behind a valid header.
    await open().resize(16, 16, { fit: "inside" }).raw().toBuffer();
  } catch {
    throw new ApiError("invalid_request", "图片已损坏或无法解析", { param });
  }
  return { ...file, ...allowed, width, height };
}
