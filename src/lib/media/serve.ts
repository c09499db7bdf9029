import "server-only";
import { Readable } from "node:stream";
import { ApiError } from "@/lib/errors";
import { storage } from "@/lib/storage";
import { ifRangeAllows, parseRange } from "@/lib/storage/range";

// Answers a GET for a stored object: Content-Type, ETag (If-None-Match → 304), single-range
// Range (206, Content-Range; 416 outside the file; If-Range honoured), streamed from disk or S3.

export async function serveStored(
  req: Request,
  key: string,
  opts: { cacheControl: string; contentType?: string },
): Promise<Response> {
  const object = await storage.stat(key);
  if (!object) throw new ApiError("not_found", "文件不存在");
  const headers = new Headers({
    "content-type": opts.contentType ?? object.contentType,
    etag: object.etag,
    "last-modified": object.mtime.toUTCString(),
    "cache-control": opts.cacheControl,
    "accept-ranges": "bytes",
  });
  if (req.headers.get("if-none-match") === object.etag)
    return new Response(null, { status: 304, headers });

  // If-Range: a range only applies to the version the client already holds part of.
  const range = ifRangeAllows(req.headers.get("if-range"), object.etag, object.mtime)
    ? parseRange(req.headers.get("range"), object.size)
    : null;
  if (range === "unsatisfiable") {
    headers.set("content-range", `bytes */${object.size}`);
    return new Response(null, { status: 416, headers });
  }
  const found = await storage.get(key, range ?? undefined);
  if (!found) throw new ApiError("not_found", "文件不存在");
  const body =
    req.method === "HEAD" ? null : (Readable.toWeb(found.stream) as ReadableStream<Uint8Array>);
  if (req.method === "HEAD") found.stream.destroy();
  if (range) {
    headers.set("content-range", `bytes ${range.start}-${range.end}/${object.size}`);
    headers.set("content-length", String(range.end - range.start + 1));
    return new Response(body, { status: 206, headers });
  }
  headers.set("content-length", String(object.size));
  return new Response(body, { status: 200, headers });
}
