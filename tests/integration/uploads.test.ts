import http from "node:http";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, type App, startApp } from "../helpers/app";
import { balanceOf, grantCredits, pendingHolds, tempEntries } from "../helpers/images";
import { buildMultipart, makeImage, type Part } from "../helpers/multipart";

// Bad uploads to /v1/images/edits: each one is refused with a clear 4xx, costs nothing and
// leaves no temp file behind; oversized bodies are cut off without being read.

const MAX_BYTES = 256 * 1024;
const MAX_PIXELS = 512 * 512;
const MODEL = "mock-image"; // the built-in offline provider

let app: App;
let user: { id: string; token: string };
beforeAll(async () => {
  app = await startApp({
    SEED_DEMO: "0",
    SIGNUP_CREDITS: "0",
    UPLOAD_MAX_BYTES: String(MAX_BYTES),
    UPLOAD_MAX_PIXELS: String(MAX_PIXELS),
    UPLOAD_MAX_TOTAL_BYTES: String(2 * 1024 * 1024),
    RATE_LIMIT_USER_PER_MIN: "100000",
    RATE_LIMIT_IP_PER_MIN: "100000",
    LOG_LEVEL: "warn",
  });
  user = await app.register();
  await grantCredits(app, user.id, 1_000_000);
});
afterAll(() => app?.stop());

async function post(body: Buffer, contentType: string, path = "/v1/images/edits") {
  const res = await fetch(`${app.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${user.token}`, "content-type": contentType },
    body: new Uint8Array(body),
    signal: AbortSignal.timeout(8000),
  });
  const text = await res.text();
  let json: { error?: { code: string; param: string | null }; data?: unknown[] } = {};
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body: json, text };
}

const edit = (parts: Part[]) => {
  const m = buildMultipart([
    { name: "model", value: MODEL },
    { name: "prompt", value: "make it blue" },
    ...parts,
  ]);
  return post(m.body, m.contentType);
};
const png = (w = 16, h = 16) => makeImage(w, h, "png");
const noisyPng = (w: number, h: number) =>
  sharp({
    create: {
      width: w,
      height: h,
      channels: 3,
      background: "#000",
      noise: { type: "gaussian", mean: 128, sigma: 60 },
    },
  })
    .png()
    .toBuffer();

async function expectNoTrace(before: number) {
  expect(await balanceOf(app, user.token)).toBe(before);
  expect(await pendingHolds(app, user.token)).toBe(0);
  expect(tempEntries(app)).toEqual([]);
}

describe("bad uploads: clear 4xx, no charge, no temp file", () => {
  it("a valid edit works (the baseline the rest deviates from)", async () => {
    const res = await edit([
      { name: "image", filename: "a.png", data: await png(), type: "image/png" },
    ]);
    expect(res.status, res.text).toBe(200);
    expect(res.body.data).toHaveLength(1);
    expect(tempEntries(app)).toEqual([]);
  });

  const cases: [string, () => Promise<Part[]>, number, string, string | null][] = [
    [
      "a text file named .png",
      async () => [
        {
          name: "image",
          filename: "cat.png",
          data: Buffer.from("definitely not a picture\n".repeat(20)),
          type: "image/png",
        },
      ],
      415,
      "unsupported_media_type",
      "image",
    ],
    [
      "a GIF",
      async () => [
        {
          name: "image",
          filename: "a.gif",
          data: await sharp({ create: { width: 8, height: 8, channels: 3, background: "#fff" } })
            .gif()
            .toBuffer(),
        },
      ],
      415,
      "unsupported_media_type",
      "image",
    ],
    [
      "a PNG over the byte limit",
      async () => [
        { name: "image", filename: "big.png", data: await noisyPng(420, 420), type: "image/png" },
      ],
      413,
      "payload_too_large",
      "image",
    ],
    [
      "too many pixels (small file, huge canvas)",
      async () => [{ name: "image", filename: "wide.png", data: await png(600, 600) }],
      400,
      "invalid_request",
      "image",
    ],
    [
      "a truncated PNG (valid header, pixel data cut short)",
      async () => [
        { name: "image", filename: "c.png", data: (await noisyPng(64, 64)).subarray(0, 6000) },
      ],
      400,
      "invalid_request",
      "image",
    ],
    [
      "a mask of the wrong size",
      async () => [
        { name: "image", filename: "a.png", data: await png(32, 32) },
        { name: "mask", filename: "m.png", data: await png(16, 32) },
      ],
      400,
      "invalid_request",
      "mask",
    ],
    [
      "a JPEG mask",
      async () => [
        { name: "image", filename: "a.png", data: await png(16, 16) },
        { name: "mask", filename: "m.jpg", data: await makeImage(16, 16, "jpeg") },
      ],
      400,
      "invalid_request",
      "mask",
    ],
    ["no image at all", async () => [], 400, "invalid_request", "image"],
    [
      "an image sent as a text field",
      async () => [{ name: "image", value: "https://example.com/a.png" }],
      400,
      "invalid_request",
      "image",
    ],
    [
      "17 images",
      async () =>
        Array.from({ length: 17 }, () => ({
          name: "image[]",
          filename: "a.png",
          data: Buffer.from("x"),
        })),
      400,
      "invalid_request",
      "image",
    ],
    [
      "an unexpected file field",
      async () => [{ name: "avatar", filename: "a.png", data: Buffer.from("x") }],
      400,
      "invalid_request",
      "avatar",
    ],
    [
      "n = 11",
      async () => [
        { name: "image", filename: "a.png", data: await png() },
        { name: "n", value: "11" },
      ],
      400,
      "invalid_request",
      "n",
    ],
  ];
  for (const [name, parts, status, code, param] of cases) {
    it(`${name} → ${status}`, async () => {
      const before = await balanceOf(app, user.token);
      const res = await edit(await parts());
      expect(res.status, res.text).toBe(status);
      expect(res.body.error?.code).toBe(code);
      expect(res.body.error?.param).toBe(param);
      await expectNoTrace(before);
    });
  }

  it("a truncated multipart body → 400", async () => {
    const before = await balanceOf(app, user.token);
    const m = buildMultipart([
      { name: "model", value: MODEL },
      { name: "prompt", value: "x" },
      { name: "image", filename: "a.png", data: await png(64, 64) },
    ]);
    const res = await post(m.body.subarray(0, m.body.length - 200), m.contentType);
    expect(res.status, res.text).toBe(400);
    await expectNoTrace(before);
  });

  it("not multipart, or multipart without a boundary → 400", async () => {
    const before = await balanceOf(app, user.token);
    expect(
      (await post(Buffer.from(JSON.stringify({ model: MODEL, prompt: "x" })), "application/json"))
        .status,
    ).toBe(400);
    expect((await post(Buffer.from("--x\r\n"), "multipart/form-data")).status).toBe(400);
    await expectNoTrace(before);
  });

  it("the /api/ai twin behaves the same", async () => {
    const m = buildMultipart([
      { name: "model", value: MODEL },
      { name: "prompt", value: "x" },
      { name: "image", filename: "a.png", data: Buffer.from("text") },
    ]);
    expect((await post(m.body, m.contentType, "/api/ai/images/edits")).status).toBe(415);
  });
});

/** Streams `total` bytes as one file part; reports how much was written before the server answered or hung up. */
function streamHuge(
  total: number,
  preamble = true,
): Promise<{ status: number | null; written: number; error: string | null }> {
  const B = "HUGEBOUNDARY";
  return new Promise((resolve) => {
    let written = 0;
    let done = false;
    const finish = (status: number | null, error: string | null) => {
      if (done) return;
      done = true;
      resolve({ status, written, error });
    };
    const req = http.request(`${app.url}/v1/images/edits`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${user.token}`,
        "content-type": `multipart/form-data; boundary=${B}`,
        "transfer-encoding": "chunked",
      },
    });
    req.on("response", (res) => {
      res.resume();
      res.on("end", () => finish(res.statusCode ?? null, null));
    });
    req.on("error", (e) => finish(null, e.message));
    if (preamble)
      req.write(
        `--${B}\r\nContent-Disposition: form-data; name="image"; filename="huge.png"\r\nContent-Type: image/png\r\n\r\n`,
      );
    const chunk = Buffer.alloc(64 * 1024, 0x89);
    const pump = () => {
      while (!done && written < total) {
        written += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!done) req.end();
    };
    pump();
  });
}

describe("oversized uploads are cut off early", () => {
  const TOTAL = 1024 * 1024 * 1024; // 1 GiB offered

  it("one endless file: 413 after reading a small fraction of the body", async () => {
    const before = await balanceOf(app, user.token);
    const r = await streamHuge(TOTAL);
    // Either the 413 arrives, or the server closed the connection while we were still sending.
    if (r.status !== null) expect(r.status).toBe(413);
    expect(r.written).toBeLessThan(64 * 1024 * 1024);
    await expectNoTrace(before);
  });

  it("an endless preamble (no part at all): stopped by the total body limit", async () => {
    const before = await balanceOf(app, user.token);
    const r = await streamHuge(TOTAL, false);
    if (r.status !== null) expect(r.status).toBe(413);
    expect(r.written).toBeLessThan(64 * 1024 * 1024);
    await expectNoTrace(before);
  });

  it("a declared Content-Length over the limit is refused before reading", async () => {
    const res = await fetch(`${app.url}/v1/images/edits`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${user.token}`,
        "content-type": "multipart/form-data; boundary=x",
        "content-length": String(3 * 1024 * 1024),
      },
      body: new Uint8Array(3 * 1024 * 1024),
    });
    expect(res.status).toBe(413);
  });

  it("a client that disconnects mid-upload leaves no temp file", async () => {
    const before = await balanceOf(app, user.token);
    await new Promise<void>((resolve) => {
      const req = http.request(`${app.url}/v1/images/edits`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${user.token}`,
          "content-type": "multipart/form-data; boundary=Q",
          "transfer-encoding": "chunked",
        },
      });
      req.on("error", () => resolve());
      req.write(`--Q\r\nContent-Disposition: form-data; name="image"; filename="a.png"\r\n\r\n`);
      req.write(Buffer.alloc(100 * 1024, 1));
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 300);
    });
    for (let i = 0; i < 50 && tempEntries(app).length; i++)
      await new Promise((r) => setTimeout(r, 100));
    await expectNoTrace(before);
  });
});

describe("CORS on the upload routes (served without the proxy)", () => {
  it("answers preflights and echoes allowed origins only", async () => {
    const pre = await fetch(`${app.url}/v1/images/edits`, {
      method: "OPTIONS",
      headers: { origin: "http://localhost:5173", "access-control-request-method": "POST" },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(pre.headers.get("access-control-allow-headers")).toContain("idempotency-key");
    const evil = await fetch(`${app.url}/api/ai/images/edits`, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
    const res = await api(app, user.token)("/v1/images/edits", {
      method: "POST",
      headers: { origin: "capacitor://localhost" },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("access-control-allow-origin")).toBe("capacitor://localhost");
  });

  it("every other /api and /v1 route still goes through the proxy's CORS", async () => {
    const pre = await fetch(`${app.url}/v1/images/generations`, {
      method: "OPTIONS",
      headers: { origin: "http://localhost:5173", "access-control-request-method": "POST" },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    const health = await fetch(`${app.url}/api/health`, {
      headers: { origin: "http://localhost" },
    });
    expect(health.headers.get("access-control-allow-origin")).toBe("http://localhost");
    const media = await fetch(`${app.url}/api/ai/images/generations`, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(media.headers.get("access-control-allow-origin")).toBeNull();
  });
});

async function allTransactions() {
  const out: { id: string; status: string; delta: number }[] = [];
  let cursor: string | null = null;
  do {
    const res = await api(
      app,
      user.token,
    )(`/api/credits/transactions?limit=100${cursor ? `&cursor=${cursor}` : ""}`);
    out.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return out;
}

// A seeded generator, so a failing case can be replayed.
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("upload fuzz", () => {
  it(
    "300 seeded random and mutated bodies: never a 5xx, never a leftover, charged only on success",
    { timeout: 300_000 },
    async () => {
      const rand = mulberry32(20261121);
      const int = (n: number) => Math.floor(rand() * n);
      const good = await png(16, 16);
      const mask = await png(16, 16);
      const bases = [
        buildMultipart(
          [
            { name: "model", value: MODEL },
            { name: "prompt", value: "fuzz" },
            { name: "image", filename: "a.png", data: good },
          ],
          "FUZZB",
        ),
        buildMultipart(
          [
            { name: "model", value: MODEL },
            { name: "prompt", value: "fuzz" },
            { name: "image[]", filename: "a.png", data: good },
            { name: "image[]", filename: "b.png", data: good },
            { name: "mask", filename: "m.png", data: mask },
          ],
          "FUZZB",
        ),
        buildMultipart(
          [
            { name: "image", filename: "a.png", data: good },
            { name: "model", value: MODEL },
            { name: "prompt", value: "fuzz" },
            { name: "n", value: "2" },
          ],
          "FUZZB",
        ),
      ];
      const mutate = (src: Buffer): Buffer => {
        const b = Buffer.from(src);
        switch (int(8)) {
          case 0:
            return b.subarray(0, int(b.length));
          case 1:
            for (let i = 0; i < 1 + int(8); i++) b[int(b.length)] = int(256);
            return b;
          case 2: {
            const at = int(b.length);
            return Buffer.concat([
              b.subarray(0, at),
              Buffer.from(Array.from({ length: 1 + int(64) }, () => int(256))),
              b.subarray(at),
            ]);
          }
          case 3: {
            const at = int(b.length);
            return Buffer.concat([b.subarray(0, at), b.subarray(at + 1 + int(200))]);
          }
          case 4:
            return Buffer.from(Array.from({ length: int(4096) }, () => int(256)));
          case 5:
            return Buffer.from(
              b
                .toString("latin1")
                .replace(
                  /name="(image|mask|model|prompt)/g,
                  () => `name="${["image", "image[]", "mask", "x", ""][int(5)]}`,
                ),
              "latin1",
            );
          case 6: {
            const at = int(b.length);
            return Buffer.concat([
              b.subarray(0, at),
              b.subarray(at - int(300) < 0 ? 0 : at - int(300), at),
              b.subarray(at),
            ]);
          }
          default:
            return Buffer.from(
              b.toString("latin1").replace(/\r\n/g, () => (rand() < 0.1 ? "\n" : "\r\n")),
              "latin1",
            );
        }
      };
      const contentTypes = [
        "multipart/form-data; boundary=FUZZB",
        "multipart/form-data; boundary=OTHER",
        "multipart/form-data",
        'multipart/form-data; boundary="FUZZB"',
        "text/plain",
      ];

      const before = await balanceOf(app, user.token);
      const seen = new Set((await allTransactions()).map((t) => t.id));
      const statuses: number[] = [];
      const CASES = 300;
      for (let i = 0; i < CASES; i += 6) {
        const batch = Array.from({ length: Math.min(6, CASES - i) }, () => {
          const base = bases[int(bases.length)].body;
          const rounds = 1 + int(3);
          let body: Buffer = base;
          for (let r = 0; r < rounds; r++) body = mutate(body);
          const ct = rand() < 0.85 ? contentTypes[0] : contentTypes[int(contentTypes.length)];
          return post(body, ct).catch((err: Error) => {
            throw new Error(
              `no answer (${err.name}) to ${ct}: ${JSON.stringify(body.toString("latin1").slice(0, 600))}`,
            );
          });
        });
        for (const res of await Promise.all(batch)) {
          expect(res.status, res.text.slice(0, 300)).toBeLessThan(500);
          statuses.push(res.status);
        }
      }
      const ok = statuses.filter((s) => s === 200).length;
      expect(ok).toBeGreaterThan(0); // some mutations stay valid, so the success path is exercised
      expect(statuses.filter((s) => s !== 200).length).toBeGreaterThan(CASES / 3);
      for (let i = 0; i < 50 && tempEntries(app).length; i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(tempEntries(app)).toEqual([]);
      expect(await pendingHolds(app, user.token)).toBe(0);
      // Only successful calls cost anything: one settled charge per 200, nothing else moved.
      const charges = (await allTransactions()).filter((t) => !seen.has(t.id));
      expect(charges.filter((t) => t.status === "success")).toHaveLength(ok);
      expect(before - (await balanceOf(app, user.token))).toBe(
        charges.filter((t) => t.status === "success").reduce((s, t) => s - t.delta, 0),
      );
    },
  );
});
