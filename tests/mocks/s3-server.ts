import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

// A small S3-compatible server (path-style) for testing the S3 storage driver over real HTTP:
// PutObject, multipart uploads (create, part, complete, abort), GetObject with Range, HeadObject,
// DeleteObject. Requests must carry a SigV4
// Authorization header for the expected access key, as a real S3 would insist.

type Obj = { body: Buffer; contentType: string; etag: string; mtime: Date };

export type S3Mock = {
  endpoint: string;
  bucket: string;
  objects: Map<string, Obj>;
  /** Multipart uploads begun and not yet completed or aborted. */
  openUploads: () => number;
  requests: string[];
  close: () => Promise<void>;
};

const xmlError = (code: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`;

export async function startS3Mock(opts: { bucket: string; accessKeyId: string }): Promise<S3Mock> {
  const objects = new Map<string, Obj>();
  const uploads = new Map<
    string,
    { key: string; contentType: string; parts: Map<number, Buffer> }
  >();
  let uploadSeq = 0;
  const requests: string[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? "/", "http://x");
    const [, bucket, ...rest] = url.pathname.split("/");
    const key = decodeURIComponent(rest.join("/"));
    requests.push(`${req.method} ${key}${req.headers.range ? ` ${req.headers.range}` : ""}`);
    const fail = (status: number, code: string) => {
      res.writeHead(status, { "content-type": "application/xml" });
      res.end(req.method === "HEAD" ? undefined : xmlError(code));
    };
    const auth = req.headers.authorization ?? "";
    if (!auth.startsWith(`AWS4-HMAC-SHA256 Credential=${opts.accessKeyId}/`))
      return fail(403, "AccessDenied");
    if (bucket !== opts.bucket) return fail(404, "NoSuchBucket");

    const uploadId = url.searchParams.get("uploadId");
    if (req.method === "POST" && url.searchParams.has("uploads")) {
      const id = `up${++uploadSeq}`;
      uploads.set(id, {
        key,
        contentType: String(req.headers["content-type"] ?? "binary/octet-stream"),
        parts: new Map(),
      });
      res.writeHead(200, { "content-type": "application/xml" });
      return res.end(
        `<?xml version="1.0" encoding="UTF-8"?><InitiateMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${key}</Key><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`,
      );
    }
    if (uploadId) {
      const up = uploads.get(uploadId);
      if (!up) return fail(404, "NoSuchUpload");
      if (req.method === "PUT") {
        const body = Buffer.concat(chunks);
        up.parts.set(Number(url.searchParams.get("partNumber")), body);
        res.writeHead(200, { etag: `"${createHash("md5").update(body).digest("hex")}"` });
        return res.end();
      }
      if (req.method === "DELETE") {
        uploads.delete(uploadId);
        res.writeHead(204);
        return res.end();
      }
      if (req.method === "POST") {
        const body = Buffer.concat(
          [...up.parts.entries()].sort((a, b) => a[0] - b[0]).map((p) => p[1]),
        );
        const etag = `"${createHash("md5").update(body).digest("hex")}-${up.parts.size}"`;
        objects.set(up.key, { body, contentType: up.contentType, etag, mtime: new Date() });
        uploads.delete(uploadId);
        res.writeHead(200, { "content-type": "application/xml" });
        return res.end(
          `<?xml version="1.0" encoding="UTF-8"?><CompleteMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${key}</Key><ETag>${etag}</ETag></CompleteMultipartUploadResult>`,
        );
      }
    }
    if (req.method === "PUT") {
      const body = Buffer.concat(chunks);
      const etag = `"${createHash("md5").update(body).digest("hex")}"`;
      objects.set(key, {
        body,
        contentType: String(req.headers["content-type"] ?? "binary/octet-stream"),
        etag,
        mtime: new Date(),
      });
      res.writeHead(200, { etag });
      return res.end();
    }
    if (req.method === "DELETE") {
      objects.delete(key);
      res.writeHead(204);
      return res.end();
    }
    const obj = objects.get(key);
    if (!obj) return fail(404, "NoSuchKey");
    const headers: Record<string, string> = {
      "content-type": obj.contentType,
      etag: obj.etag,
      "last-modified": obj.mtime.toUTCString(),
      "accept-ranges": "bytes",
    };
    const range = /^bytes=(\d+)-(\d+)$/.exec(String(req.headers.range ?? ""));
    if (req.method === "GET" && range) {
      const start = Number(range[1]);
      const end = Math.min(Number(range[2]), obj.body.length - 1);
      if (start > end) return fail(416, "InvalidRange");
      res.writeHead(206, {
        ...headers,
        "content-range": `bytes ${start}-${end}/${obj.body.length}`,
        "content-length": String(end - start + 1),
      });
      return res.end(obj.body.subarray(start, end + 1));
    }
    res.writeHead(200, { ...headers, "content-length": String(obj.body.length) });
    res.end(req.method === "HEAD" ? undefined : obj.body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket: opts.bucket,
    objects,
    openUploads: () => uploads.size,
    requests,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
