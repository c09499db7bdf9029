import { Readable } from "node:stream";
import { withPublic } from "@/lib/api/handler";
import { ApiError } from "@/lib/errors";
import { storage } from "@/lib/storage";
import { ifRangeAllows, parseRange } from "@/lib/storage/range";
import { isSafeKey } from "@/lib/storage/types";

export const runtime = "nodejs";

// Stored media, public and immutable (keys are never reused), with Range for video seeking.
export const GET = withPublic<{ key: string[] }>(async ({ req, params }) => {
  const key = params.key.join("/");
  if (!isSafeKey(key)) throw new ApiError("not_found", "文件不存在");
  const object = await storage.stat(key);
  if (!object) throw new ApiError("not_found", "文件不存在");
  const headers = new Headers({
    "content-type": object.contentType,
    etag: object.etag,
    "last-modified": object.mtime.toUTCString(),
    "cache-control": "public, max-age=31536000, immutable",
    "accept-ranges": "bytes",
  });
  if (req.headers.get("if-none-match") === object.etag)
    return new Response(null, { status: 304, headers });

  const range = ifRangeAllows(req.headers.get("if-range"), object.etag, object.mtime)
    ? parseRange(req.headers.get("range"), object.size)
    : null;
  if (range === "unsatisfiable") {
    headers.set("content-range", `bytes */${object.size}`);
    return new Response(null, { status: 416, headers });
  }
  const found = await storage.get(key, range ?? undefined);
  if (!found) throw new ApiError("not_found", "文件不存在");
  const body = Readable.toWeb(found.stream) as ReadableStream<Uint8Array>;
  if (range) {
    headers.set("content-range", `bytes ${range.start}-${range.end}/${object.size}`);
    headers.set("content-length", String(range.end - range.start + 1));
    return new Response(body, { status: 206, headers });
  }
  headers.set("content-length", String(object.size));
  return new Response(body, { status: 200, headers });
});

export const HEAD = GET;
