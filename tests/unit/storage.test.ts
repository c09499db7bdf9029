import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localStorage } from "@/lib/storage/local";
import { s3Storage } from "@/lib/storage/s3";
import { type Storage, StorageLimitError } from "@/lib/storage/types";
import { startS3Mock, type S3Mock } from "../mocks/s3-server";

// One contract, run against every driver: what /api/media relies on.

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}

function contract(name: string, make: () => Storage) {
  describe(`storage contract: ${name}`, () => {
    const body = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));

    it("put → stat → get returns the same bytes and metadata", async () => {
      const s = make();
      const put = await s.put("gen/a/b.png", body, "image/png");
      expect(put.size).toBe(body.length);
      const stat = await s.stat("gen/a/b.png");
      expect(stat).toMatchObject({ size: body.length, contentType: "image/png" });
      expect(stat!.etag).toMatch(/^".+"$/);
      expect(stat!.mtime).toBeInstanceOf(Date);
      const got = await s.get("gen/a/b.png");
      expect(got!.object.size).toBe(body.length);
      expect((await readAll(got!.stream)).equals(body)).toBe(true);
    });

    it("get with a range returns exactly that slice, and the object's full size", async () => {
      const s = make();
      await s.put("gen/range.webp", body);
      const got = await s.get("gen/range.webp", { start: 100, end: 1099 });
      expect(got!.object.size).toBe(body.length);
      expect(got!.object.contentType).toBe("image/webp");
      expect((await readAll(got!.stream)).equals(body.subarray(100, 1100))).toBe(true);
    });

    it("putStream stores a stream chunk by chunk, with its type; get reads it back", async () => {
      const s = make();
      const chunks = Array.from({ length: 20 }, (_, i) => Buffer.alloc(1000, i));
      const put = await s.putStream("gen/stream/v.mp4", Readable.from(chunks), {
        contentType: "video/mp4",
      });
      expect(put.size).toBe(20_000);
      const got = await s.get("gen/stream/v.mp4");
      expect((await readAll(got!.stream)).equals(Buffer.concat(chunks))).toBe(true);
      expect(got!.object.contentType).toBe("video/mp4");
    });

    it("putStream past maxBytes, or from a failing stream, rejects and leaves nothing", async () => {
      const s = make();
      const big = Readable.from([Buffer.alloc(600), Buffer.alloc(600)]);
      await expect(
        s.putStream("gen/stream/big.mp4", big, { maxBytes: 1000 }),
      ).rejects.toBeInstanceOf(StorageLimitError);
      expect(await s.stat("gen/stream/big.mp4")).toBeNull();
      async function* broken() {
        yield Buffer.alloc(100);
        throw new Error("connection reset");
      }
      await expect(s.putStream("gen/stream/broken.mp4", Readable.from(broken()))).rejects.toThrow(
        "connection reset",
      );
      expect(await s.stat("gen/stream/broken.mp4")).toBeNull();
    });

    it("missing keys are null, delete removes, unsafe keys are refused", async () => {
      const s = make();
      expect(await s.stat("gen/missing.png")).toBeNull();
      expect(await s.get("gen/missing.png")).toBeNull();
      await s.put("gen/del.png", body);
      await s.delete("gen/del.png");
      expect(await s.stat("gen/del.png")).toBeNull();
      await expect(s.put("../escape.png", body)).rejects.toThrow(/unsafe/);
      expect(s.url("gen/x.png")).toBe("/api/media/gen/x.png");
    });
  });
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), "storage-test-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
contract("local disk", () => localStorage(root));

let s3: S3Mock;
beforeAll(async () => {
  s3 = await startS3Mock({ bucket: "media", accessKeyId: "AKIDTEST" });
});
afterAll(() => s3?.close());
const s3Config = () => ({
  bucket: "media",
  region: "us-east-1",
  endpoint: s3.endpoint,
  accessKeyId: "AKIDTEST",
  secretAccessKey: "secret-test-key",
  forcePathStyle: true,
});
contract("S3-compatible", () => s3Storage(s3Config()));

describe("S3 driver over HTTP", () => {
  it("sends signed path-style requests and a Range header", async () => {
    const s = s3Storage(s3Config());
    await s.put("gen/wire.png", Buffer.from("abc"), "image/png");
    await s.get("gen/wire.png", { start: 1, end: 2 });
    expect(s3.objects.get("gen/wire.png")?.contentType).toBe("image/png");
    expect(s3.requests).toContain("GET gen/wire.png bytes=1-2");
  });

  it("putStream of a large object uploads in parts, never the whole object at once", async () => {
    const s = s3Storage(s3Config());
    const part = Buffer.alloc(1024 * 1024, 7);
    const chunks = Array.from({ length: 18 }, () => part);
    s3.requests.length = 0;
    const put = await s.putStream("gen/stream/large.mp4", Readable.from(chunks), {
      contentType: "video/mp4",
    });
    expect(put.size).toBe(18 * 1024 * 1024);
    const parts = s3.requests.filter((r) => r.startsWith("PUT gen/stream/large.mp4"));
    expect(parts.length).toBe(3);
    expect(s3.objects.get("gen/stream/large.mp4")?.body.length).toBe(18 * 1024 * 1024);
    expect(s3.openUploads()).toBe(0);
  });

  it("a failed multipart upload is aborted", async () => {
    const s = s3Storage(s3Config());
    async function* failing() {
      yield Buffer.alloc(9 * 1024 * 1024);
      throw new Error("provider went away");
    }
    await expect(s.putStream("gen/stream/aborted.mp4", Readable.from(failing()))).rejects.toThrow(
      "provider went away",
    );
    expect(s3.objects.has("gen/stream/aborted.mp4")).toBe(false);
    expect(s3.openUploads()).toBe(0);
  });

  it("surfaces a wrong credential as an error, not as a missing object", async () => {
    const s = s3Storage({ ...s3Config(), accessKeyId: "WRONG" });
    await expect(s.stat("gen/wire.png")).rejects.toThrow();
  });
});
