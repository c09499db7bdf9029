import type { Readable } from "node:stream";

export type StoredObject = { size: number; contentType: string; etag: string; mtime: Date };
export type ByteRange = { start: number; end: number }; // inclusive, like HTTP

/** One storage interface; local disk by default, S3-compatible for several instances. */
export interface Storage {
  put(key: string, data: Buffer, contentType?: string): Promise<StoredObject>;
  get(key: string, range?: ByteRange): Promise<{ stream: Readable; object: StoredObject } | null>;
  stat(key: string): Promise<StoredObject | null>;
  delete(key: string): Promise<void>;
  /** App-relative URL that serves the object through /api/media. */
  url(key: string): string;
}

const TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
  mp4: "video/mp4",
  webm: "video/webm",
};

export function contentTypeFor(key: string): string {
  const ext = key.split(".").pop()?.toLowerCase() ?? "";
  return TYPES[ext] ?? "application/octet-stream";
}

/** Keys are relative paths of safe segments: no "..", no absolute paths, no odd characters. */
export function isSafeKey(key: string): boolean {
  return (
    key.length > 0 &&
    key.length <= 300 &&
    /^[A-Za-z0-9_\-./]+$/.test(key) &&
    !key.startsWith("/") &&
    key.split("/").every((seg) => seg !== "" && seg !== "." && seg !== "..")
  );
}
