import "server-only";
import busboy from "busboy";
import { createWriteStream } from "node:fs";
import path from "node:path";
import type { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { drainReadable, tooLarge } from "@/lib/api/body";
import { ApiError } from "@/lib/errors";

// Streams a multipart body to files in `dir`, enforcing every limit while reading. On the first
// violation it stops parsing (the rest of the body is only drained, bounded, and never stored),
// tears down the open file streams and rejects once they have settled, so the caller can delete
// `dir` safely.

export type UploadLimits = {
  maxFileBytes: number;
  maxTotalBytes: number;
  maxFiles: number;
  maxFields: number;
  maxFieldBytes: number;
};

export type RawFile = { field: string; filename: string; path: string; size: number };
export type RawUpload = { fields: Map<string, string>; files: RawFile[] };

const FILE_FIELDS: Record<string, string> = {
  image: "image",
  "image[]": "image",
  mask: "mask",
};

const mib = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MiB`;

export { tooLarge };

export function readMultipart(
  body: Readable,
  contentType: string,
  dir: string,
  limits: UploadLimits,
  /** Accepted file part names → the field they count as (default: image edits). */
  fileFields: Record<string, string> = FILE_FIELDS,
): Promise<RawUpload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { "content-type": contentType },
        limits: {
          fileSize: limits.maxFileBytes,
          files: limits.maxFiles,
          fields: limits.maxFields,
          fieldSize: limits.maxFieldBytes,
          parts: limits.maxFiles + limits.maxFields,
          headerPairs: 16,
        },
      });
    } catch {
      reject(new ApiError("invalid_request", "请求必须是带 boundary 的 multipart/form-data"));
      return;
    }

    const fields = new Map<string, string>();
    const files: RawFile[] = [];
    const writes: Promise<unknown>[] = [];
    const open = new Set<Readable | Writable>();
    let received = 0;
    let settled = false;

    const fail = (err: ApiError) => {
      if (settled) return;
      settled = true;
      body.off("data", onData);
      // The rest of the body is discarded (bounded), so the client gets to read our answer.
      drainReadable(body);
      for (const s of open) s.destroy();
      void Promise.allSettled(writes).then(() => reject(err));
    };

    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limits.maxTotalBytes)
        return fail(tooLarge(`请求体超过 ${mib(limits.maxTotalBytes)} 上限`));
      try {
        if (!parser.write(chunk)) body.pause();
      } catch {
        // busboy reports most malformations as 'error', a few by throwing from write.
        fail(new ApiError("invalid_request", "multipart 请求体格式错误"));
      }
    };
    body.on("data", onData);
    parser.on("drain", () => !settled && body.resume());
    body.on("end", () => !settled && parser.end());
    body.on("error", () => fail(new ApiError("invalid_request", "上传中断：请求体不完整")));

    // busboy hands over `undefined` for a part with an empty name.
    parser.on("file", (rawName: string | undefined, stream, info) => {
      const name = rawName ?? "";
      const field = Object.hasOwn(fileFields, name) ? fileFields[name] : undefined;
      if (settled || !field) {
        stream.resume();
        if (!field)
          fail(
            new ApiError("invalid_request", `不支持的文件字段：${name.slice(0, 40) || "（空）"}`, {
              param: name.slice(0, 40),
            }),
          );
        return;
      }
      const file: RawFile = {
        field,
        filename: info.filename || "upload",
        path: path.join(dir, `${files.length}.bin`),
        size: 0,
      };
      files.push(file);
      const out = createWriteStream(file.path, { flags: "wx" });
      open.add(stream).add(out);
      stream.on("data", (chunk: Buffer) => (file.size += chunk.length));
      stream.on("limit", () => fail(tooLarge(`文件超过 ${mib(limits.maxFileBytes)} 上限`, name)));
      writes.push(
        pipeline(stream, out)
          .catch(() =>
            fail(new ApiError("invalid_request", "上传中断：文件不完整", { param: name })),
          )
          .finally(() => {
            open.delete(stream);
            open.delete(out);
          }),
      );
    });

    parser.on("field", (rawName: string | undefined, value, info) => {
      const name = rawName ?? "";
      if (info.nameTruncated || info.valueTruncated) {
        return fail(
          new ApiError("invalid_request", `字段 ${name.slice(0, 40)} 过长`, {
            param: name.slice(0, 40),
          }),
        );
      }
      fields.set(name, value);
    });
    parser.on("filesLimit", () =>
      fail(
        new ApiError("invalid_request", `最多上传 ${limits.maxFiles} 个文件`, { param: "image" }),
      ),
    );
    parser.on("fieldsLimit", () =>
      fail(new ApiError("invalid_request", `表单字段过多（最多 ${limits.maxFields} 个）`)),
    );
    parser.on("partsLimit", () => fail(new ApiError("invalid_request", "表单分段过多")));
    parser.on("error", () =>
      fail(new ApiError("invalid_request", "multipart 请求体格式错误或不完整")),
    );
    parser.on("close", () => {
      void Promise.all(writes).then(() => {
        if (settled) return;
        settled = true;
        resolve({ fields, files });
      });
    });
  });
}
