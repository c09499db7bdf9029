import type { Readable } from "node:stream";

export type StoredObject = { size: number; contentType: string; etag: string; mtime: Date };
export type ByteRange = { start: number; end: number }; // inclusive, like HTTP

/** One storage interface; local disk by default, S3-compatible for several instances. */
export interface Storage {
  put(key: string, data: Buffer, contentType?: string): Promise<StoredObject>;
  /**
   * Streams `data` into the object without holding it whole in memory (videos). Rejects, leaving
   * nothing behind, when the stream errors or passes `maxBytes`.
   */
  putStream(
    key: string,
    data: Readable,
    opts?: { contentType?: string; maxBytes?: number },
  ): Promise<StoredObject>;
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

/** What Storage.url returns on every backend: the object through /api/media. */
export const mediaUrl = (key: string) => `/api/media/${key}`;

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

export class StorageLimitError extends Error {
  constructor(readonly maxBytes: number) {
    super(`object larger than ${maxBytes} bytes`);
    this.name = "StorageLimitError";
  }
}

/** Counts bytes on their way through; fails the stream past `maxBytes`. */
export async function* capBytes(
  data: AsyncIterable<Buffer | Uint8Array | string>,
  maxBytes = Infinity,
): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of data) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    total += buf.length;
    if (total > maxBytes) throw new StorageLimitError(maxBytes);
    yield buf;
  }
}
