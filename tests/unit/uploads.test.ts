import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DRAIN_MAX_BYTES } from "@/lib/api/body";
import { ApiError } from "@/lib/errors";
import { inspectImage } from "@/lib/uploads/inspect";
import { readMultipart, type UploadLimits } from "@/lib/uploads/multipart";
import { sweepTempDir, uploadDirPrefix } from "@/lib/uploads/sweep";
import { buildMultipart, makeImage } from "../helpers/multipart";

const limits: UploadLimits = {
  maxFileBytes: 64 * 1024,
  maxTotalBytes: 256 * 1024,
  maxFiles: 3,
  maxFields: 4,
  maxFieldBytes: 100,
};
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "upload-unit-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A body that yields `chunk` `times` times and counts how much of it was pulled. */
function endless(prefix: Buffer, chunk: Buffer, times: number) {
  const state = { pulled: 0 };
  async function* gen() {
    yield prefix;
    for (let i = 0; i < times; i++) {
      state.pulled += chunk.length;
      yield chunk;
    }
  }
  return { stream: Readable.from(gen(), { objectMode: false }), state };
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    return (err as ApiError).code;
  }
}

describe("readMultipart", () => {
  it("streams image, image[] and mask to files and keeps text fields", async () => {
    const png = await makeImage(8, 8);
    const { body, contentType } = buildMultipart([
      { name: "prompt", value: "a red fox" },
      { name: "image[]", filename: "a.png", data: png },
      { name: "image[]", filename: "b.png", data: png },
      { name: "mask", filename: "m.png", data: png },
    ]);
    const out = await readMultipart(Readable.from([body]), contentType, dir, limits);
    expect(out.fields.get("prompt")).toBe("a red fox");
    expect(out.files.map((f) => [f.field, f.size])).toEqual([
      ["image", png.length],
      ["image", png.length],
      ["mask", png.length],
    ]);
    expect(fs.readFileSync(out.files[0].path).equals(png)).toBe(true);
  });

  it("stops at the per-file limit: the rest is only drained, up to a bound, never the whole body", async () => {
    const { body } = buildMultipart(
      [{ name: "image", filename: "big.png", data: Buffer.alloc(0) }],
      "BOUND",
    );
    const head = body.subarray(0, body.indexOf("\r\n\r\n") + 4);
    const { stream, state } = endless(head, Buffer.alloc(16 * 1024, 1), 100_000); // 1.6 GB if fully read
    const code = await codeOf(
      readMultipart(stream, "multipart/form-data; boundary=BOUND", dir, limits),
    );
    expect(code).toBe("payload_too_large");
    // The discarding drain stops at its bound instead of reading the 1.6 GB.
    if (!stream.destroyed) await once(stream, "close");
    expect(state.pulled).toBeLessThan(DRAIN_MAX_BYTES + limits.maxFileBytes * 4);
  });

  it("stops at the total body limit even when no part carries the bytes (endless preamble)", async () => {
    const { stream, state } = endless(Buffer.alloc(0), Buffer.alloc(16 * 1024, 0x61), 100_000);
    const code = await codeOf(
      readMultipart(stream, "multipart/form-data; boundary=BOUND", dir, limits),
    );
    expect(code).toBe("payload_too_large");
    expect(state.pulled).toBeLessThan(limits.maxTotalBytes * 2);
  });

  it.each([
    [
      "truncated body",
      async () =>
        buildMultipart([
          { name: "image", filename: "a.png", data: await makeImage(8, 8) },
        ]).body.subarray(0, 120),
    ],
    [
      "too many files",
      async () =>
        buildMultipart(
          Array.from({ length: 4 }, () => ({
            name: "image[]",
            filename: "a.png",
            data: Buffer.from("x"),
          })),
        ).body,
    ],
    [
      "too many fields",
      async () =>
        buildMultipart(Array.from({ length: 5 }, (_, i) => ({ name: `f${i}`, value: "v" }))).body,
    ],
    [
      "field too long",
      async () => buildMultipart([{ name: "prompt", value: "x".repeat(101) }]).body,
    ],
    [
      "unknown file field",
      async () =>
        buildMultipart([{ name: "avatar", filename: "a.png", data: Buffer.from("x") }]).body,
    ],
  ])("%s → 400", async (_, make) => {
    const body = await make();
    const ct = `multipart/form-data; boundary=${body.toString("latin1", 2, body.indexOf("\r\n"))}`;
    expect(await codeOf(readMultipart(Readable.from([body]), ct, dir, limits))).toBe(
      "invalid_request",
    );
  });

  it("a missing boundary is a 400", async () => {
    expect(
      await codeOf(
        readMultipart(Readable.from([Buffer.from("x")]), "multipart/form-data", dir, limits),
      ),
    ).toBe("invalid_request");
  });
});

describe("inspectImage", () => {
  const file = (data: Buffer, field: "image" | "mask" = "image") => {
    const p = path.join(dir, `f${Math.random()}`);
    fs.writeFileSync(p, data);
    return { field, filename: "x.png", path: p, size: data.length };
  };

  it("reads type and dimensions from the bytes", async () => {
    for (const fmt of ["png", "jpeg", "webp"] as const) {
      const img = await inspectImage(file(await makeImage(30, 20, fmt)), 10_000);
      expect([img.mime, img.width, img.height]).toEqual([
        fmt === "jpeg" ? "image/jpeg" : `image/${fmt}`,
        30,
        20,
      ]);
    }
  });

  it("rejects by bytes: text named .png → 415, GIF → 415, empty → 415", async () => {
    const gif = await (
      await import("sharp")
    )
      .default({ create: { width: 4, height: 4, channels: 3, background: "#fff" } })
      .gif()
      .toBuffer();
    for (const data of [Buffer.from("hello, I am text"), gif, Buffer.alloc(0)]) {
      expect(await codeOf(inspectImage(file(data), 10_000))).toBe("unsupported_media_type");
    }
  });

  it("too many pixels → 400 without decoding; a corrupt body behind a valid header → 400", async () => {
    expect(await codeOf(inspectImage(file(await makeImage(200, 200)), 10_000))).toBe(
      "invalid_request",
    );
    const noisy = await (
      await import("sharp")
    )
      .default({
        create: {
          width: 64,
          height: 64,
          channels: 3,
          background: "#000",
          noise: { type: "gaussian", mean: 128, sigma: 60 },
        },
      })
      .png()
      .toBuffer();
    expect(
      await codeOf(inspectImage(file(noisy.subarray(0, Math.floor(noisy.length * 0.6))), 10_000)),
    ).toBe("invalid_request");
  });
});

describe("sweepTempDir", () => {
  it("removes old leftovers and keeps fresh ones", async () => {
    const old = path.join(dir, "upload-old");
    const fresh = path.join(dir, "upload-fresh");
    fs.mkdirSync(old);
    fs.writeFileSync(path.join(old, "0.bin"), "x");
    fs.mkdirSync(fresh);
    const past = new Date(Date.now() - 3600_000);
    fs.utimesSync(old, past, past);
    expect(await sweepTempDir(dir, 60_000)).toBe(1);
    expect(fs.readdirSync(dir)).toEqual(["upload-fresh"]);
    expect(await sweepTempDir(path.join(dir, "nope"), 0)).toBe(0);
  });
});

describe("readMultipart edge cases found by the fuzz", () => {
  it("a file part with an empty name is refused, not left hanging", async () => {
    const body = Buffer.from(
      '--B\r\nContent-Disposition: form-data; name=""; filename="a.png"\r\n\r\nDATA\r\n--B\r\nContent-Disposition: form-data; name=""\r\n\r\nv\r\n--B--\r\n',
      "latin1",
    );
    const out = readMultipart(
      Readable.from([body]),
      "multipart/form-data; boundary=B",
      dir,
      limits,
    );
    expect(await codeOf(out)).toBe("invalid_request");
  });

  it("a field named __proto__ or constructor is just an unknown field", async () => {
    const { body, contentType } = buildMultipart([
      { name: "__proto__", filename: "a.png", data: Buffer.from("x") },
    ]);
    expect(await codeOf(readMultipart(Readable.from([body]), contentType, dir, limits))).toBe(
      "invalid_request",
    );
  });
});

describe("orphan upload folders at boot", () => {
  it("removes every orphan of this host however fresh, and spares other hosts' fresh ones", async () => {
    const mine = uploadDirPrefix(); // upload-<host>-<our pid>-
    const host = mine.split("-").slice(1, -2).join("-");
    const names = {
      restarted: `${mine}aaaa`, // an earlier process that had our pid (a restarted container)
      dead: `upload-${host}-999999-bbbb`, // a pid that no longer runs
      alive: `upload-${host}-1-cccc`, // pid 1 runs
      other: "upload-otherhost-42-dddd", // another machine on a shared DATA_DIR
      legacy: "upload-eeee", // an older version's name
    };
    for (const n of Object.values(names)) fs.mkdirSync(path.join(dir, n));
    expect(await sweepTempDir(dir, 60_000, { orphans: true })).toBe(2);
    expect(fs.readdirSync(dir).sort()).toEqual([names.alive, names.legacy, names.other].sort());
    // Without `orphans` (the hourly sweep), fresh entries all stay.
    fs.mkdirSync(path.join(dir, names.dead));
    expect(await sweepTempDir(dir, 60_000)).toBe(0);
  });
});
