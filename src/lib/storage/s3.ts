import "server-only";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import type { Readable } from "node:stream";
import {
  capBytes,
  contentTypeFor,
  isSafeKey,
  mediaUrl,
  type Storage,
  type StoredObject,
} from "./types";

// Streamed uploads go up in parts of this size (S3's minimum part is 5 MiB): memory holds one
// part, whatever the object's size; an object smaller than one part is a single PUT.
const PART_BYTES = 8 * 1024 * 1024;

export type S3Config = {
  bucket: string;
  region: string;
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
};

const isNotFound = (err: unknown) =>
  err instanceof S3ServiceException &&
  (err.$metadata.httpStatusCode === 404 || err.name === "NotFound" || err.name === "NoSuchKey");

/** S3-compatible object storage (AWS, MinIO, R2, …) for several app instances sharing media. */
export function s3Storage(config: S3Config): Storage {
  const client = new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    credentials:
      config.accessKeyId && config.secretAccessKey
        ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
        : undefined,
    // Many S3-compatible servers reject the SDK's newer default checksum trailers.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const Bucket = config.bucket;
  const check = (key: string) => {
    if (!isSafeKey(key)) throw new Error(`unsafe storage key: ${key}`);
    return key;
  };
  const objectOf = (
    key: string,
    h: { ContentLength?: number; ContentType?: string; ETag?: string; LastModified?: Date },
    size = h.ContentLength ?? 0,
  ): StoredObject => ({
    size,
    contentType: h.ContentType || contentTypeFor(key),
    etag: h.ETag ?? `"${size.toString(16)}"`,
    mtime: h.LastModified ?? new Date(0),
  });

  async function stat(key: string): Promise<StoredObject | null> {
    try {
      return objectOf(key, await client.send(new HeadObjectCommand({ Bucket, Key: check(key) })));
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  return {
    async put(key, data, contentType) {
      const type = contentType ?? contentTypeFor(key);
      const res = await client.send(
        new PutObjectCommand({ Bucket, Key: check(key), Body: data, ContentType: type }),
      );
      return {
        size: data.length,
        contentType: type,
        etag: res.ETag ?? `"${data.length.toString(16)}"`,
        mtime: new Date(),
      };
    },
    async putStream(key, data, opts = {}) {
      const Key = check(key);
      const ContentType = opts.contentType ?? contentTypeFor(key);
      let uploadId: string | undefined;
      const parts: { ETag?: string; PartNumber: number }[] = [];
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      let size = 0;
      const flushPart = async () => {
        if (!uploadId) {
          const created = await client.send(
            new CreateMultipartUploadCommand({ Bucket, Key, ContentType }),
          );
          uploadId = created.UploadId;
        }
        const PartNumber = parts.length + 1;
        const res = await client.send(
          new UploadPartCommand({
            Bucket,
            Key,
            UploadId: uploadId,
            PartNumber,
            Body: Buffer.concat(pending),
          }),
        );
        parts.push({ ETag: res.ETag, PartNumber });
        pending = [];
        pendingBytes = 0;
      };
      try {
        for await (const chunk of capBytes(data, opts.maxBytes)) {
          pending.push(chunk);
          pendingBytes += chunk.length;
          size += chunk.length;
          if (pendingBytes >= PART_BYTES) await flushPart();
        }
        if (!uploadId) {
          const res = await client.send(
            new PutObjectCommand({ Bucket, Key, Body: Buffer.concat(pending), ContentType }),
          );
          return {
            size,
            contentType: ContentType,
            etag: res.ETag ?? `"${size.toString(16)}"`,
            mtime: new Date(),
          };
        }
        if (pendingBytes) await flushPart();
        const done = await client.send(
          new CompleteMultipartUploadCommand({
            Bucket,
            Key,
            UploadId: uploadId,
            MultipartUpload: { Parts: parts },
          }),
        );
        return {
          size,
          contentType: ContentType,
          etag: done.ETag ?? `"${size.toString(16)}"`,
          mtime: new Date(),
        };
      } catch (err) {
        data.destroy();
        if (uploadId)
          await client
            .send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId: uploadId }))
            .catch(() => undefined);
        throw err;
      }
    },
    async get(key, range) {
      try {
        const res = await client.send(
          new GetObjectCommand({
            Bucket,
            Key: check(key),
            Range: range ? `bytes=${range.start}-${range.end}` : undefined,
          }),
        );
        // With a range, ContentLength is the slice; the object's size is after the "/" of Content-Range.
        const total = res.ContentRange ? Number(res.ContentRange.split("/")[1]) : res.ContentLength;
        return { stream: res.Body as Readable, object: objectOf(key, res, total) };
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },
    stat,
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: check(key) }));
    },
    url: mediaUrl,
  };
}
