import { randomBytes } from "node:crypto";
import http from "node:http";
import OpenAI, { toFile } from "openai";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { api, type App, startApp } from "../helpers/app";
import { allTransactions, balance, grant } from "../helpers/chat";
import { type MockUpstream, startMockUpstream } from "../mocks/openai-server";

// Issue 15 items 3, 12 and 15: the HTTP edges a fuzzer finds. Every odd request gets the
// contract's JSON error shape with a 4xx (never HTML, a bodiless 405 or a 500), bodies are capped
// while they stream in and the 413 is readable by a client that is still sending, and Range
// follows RFC 9110.

let app: App;
let up: MockUpstream;
let admin: string;
let user: { id: string; token: string };

beforeAll(async () => {
  up = await startMockUpstream();
  app = await startApp({
    SIGNUP_CREDITS: "0",
    RATE_LIMIT_USER_PER_MIN: "100000",
    RATE_LIMIT_IP_PER_MIN: "100000",
    AI_TIMEOUT_MS: "3000",
  });
  admin = await app.adminToken();
  const call = api(app, admin);
  const p = await call("/api/admin/ai/providers", {
    body: { slug: "odd", name: "Odd", baseURL: up.url, apiKey: "k-odd-provider" },
  });
  expect(p.status).toBe(201);
  const m = await call("/api/admin/ai/models", {
    body: {
      slug: "odd-model",
      providerId: p.body.item.id,
      upstreamModel: "odd",
      capabilities: ["chat", "image.generate"],
      pricing: { chat: { fixedCreditsPerCall: 2 }, "image.generate": { perImage: 3 } },
    },
  });
  expect(m.status).toBe(201);
  user = await app.register();
  await grant(app, admin, user.id, 1000);
});
beforeEach(() => up.reset());
afterAll(async () => {
  await app?.stop();
  await up?.stop();
});

/** A raw request (the path is sent exactly as given, even when it is not valid). */
function rawRequest(
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  const u = new URL(app.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, method, path, headers: opts.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

function expectErrorShape(
  res: { status: number; headers: http.IncomingHttpHeaders; text: string },
  status: number,
  code: string,
) {
  expect(res.status, res.text.slice(0, 200)).toBe(status);
  expect(res.headers["content-type"]).toMatch(/^application\/json/);
  const body = JSON.parse(res.text);
  expect(body.error).toMatchObject({ code, type: expect.any(String), message: expect.any(String) });
  expect(body.error.requestId).toBeTruthy();
  expect(res.headers["x-request-id"]).toBe(body.error.requestId);
}

describe("unknown paths and methods answer the JSON error shape (item 12)", () => {
  const json = { "content-type": "application/json" };
  const cases: [string, string, Record<string, string>, string | undefined, number, string][] = [
    ["GET", "/api/nope", {}, undefined, 404, "not_found"],
    ["GET", "/api", {}, undefined, 404, "not_found"],
    ["POST", "/api/nope/deeper", json, "{}", 404, "not_found"],
    ["DELETE", "/v1/nope", {}, undefined, 404, "not_found"],
    ["GET", "/v1", {}, undefined, 404, "not_found"],
    ["PUT", "/v1/no-such-endpoint/unknown", json, "{}", 404, "not_found"],
    ["GET", "/v1/chat/completions", {}, undefined, 405, "method_not_allowed"],
    ["GET", "/api/ai/images/edits", {}, undefined, 405, "method_not_allowed"],
    ["PUT", "/api/auth/register", json, "{}", 405, "method_not_allowed"],
    ["DELETE", "/api/assets", {}, undefined, 405, "method_not_allowed"],
    ["POST", "/api/health", json, "{}", 405, "method_not_allowed"],
    ["PATCH", "/v1/models", json, "{}", 405, "method_not_allowed"],
  ];
  for (const [method, path, headers, body, status, code] of cases) {
    it(`${method} ${path} → ${status} ${code}`, async () => {
      expectErrorShape(await rawRequest(method, path, { headers, body }), status, code);
    });
  }

  it("a multipart POST to an unknown path is a 404, not a Server Action", async () => {
    const form = new FormData();
    form.set("a", "b");
    form.set("file", new Blob([Buffer.from("xyz")]), "x.bin");
    const res = await fetch(`${app.url}/api/unknown/upload`, { method: "POST", body: form });
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe("not_found");
    const v1 = await fetch(`${app.url}/v1/uploads`, { method: "POST", body: form });
    expect(v1.status).toBe(404);
  });

  it("allowed origins get CORS headers on these answers too", async () => {
    const res = await rawRequest("GET", "/v1/chat/completions", {
      headers: { origin: "capacitor://localhost" },
    });
    expect(res.status).toBe(405);
    expect(res.headers["access-control-allow-origin"]).toBe("capacitor://localhost");
  });
});

describe("bad percent-encoding in a path is a 400, signed in or not (item 12)", () => {
  for (const path of [
    "/api/media/%",
    "/api/media/a%E0%A4%A",
    "/api/admin/ai/models/%",
    "/v1/%zz",
  ]) {
    it(`GET ${path}`, async () => {
      expectErrorShape(await rawRequest("GET", path), 400, "invalid_request");
    });
  }
  it("PATCH /api/admin/ai/models/% as admin", async () => {
    const res = await rawRequest("PATCH", "/api/admin/ai/models/%", {
      headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
      body: "{}",
    });
    expectErrorShape(res, 400, "invalid_request");
  });
});

describe("deeply nested JSON is a 400 (item 12)", () => {
  const deep = (n: number) => "[".repeat(n) + "]".repeat(n);
  const targets: [string, string][] = [
    [
      "/v1/chat/completions",
      `{"model":"odd-model","messages":[{"role":"user","content":"hi","x":${deep(10_000)}}]}`,
    ],
    ["/v1/images/generations", `{"model":"odd-model","prompt":"cat","x":${deep(10_000)}}`],
    ["/api/auth/register", `{"email":"a@b.co","password":"password123","x":${deep(10_000)}}`],
  ];
  for (const [path, body] of targets) {
    it(`${path}: 10,000 levels`, async () => {
      const before = await balance(app, user.token);
      const res = await rawRequest("POST", path, {
        headers: { authorization: `Bearer ${user.token}`, "content-type": "application/json" },
        body,
      });
      expectErrorShape(res, 400, "invalid_request");
      expect(await balance(app, user.token)).toBe(before);
    });
  }
});

describe("a malformed 200 from the provider is a 502 and a refund (item 12)", () => {
  const answer = (path: string, type: string, body: string) =>
    up.enqueue({
      path,
      handle: (res) => {
        res.writeHead(200, { "content-type": type });
        res.end(body);
      },
    });
  const cases: [string, string, string, string, Record<string, unknown>][] = [
    ["chat: HTML", "/chat/completions", "application/json", "<html>oops</html>", {}],
    ["chat: choices not a list", "/chat/completions", "application/json", '{"choices":"no"}', {}],
    ["chat: a bare string", "/chat/completions", "application/json", '"hello"', {}],
    ["images: data not a list", "/images/generations", "application/json", '{"data":"no"}', {}],
    ["images: null items", "/images/generations", "application/json", '{"data":[null]}', {}],
    ["images: HTML", "/images/generations", "text/html", "<html>oops</html>", {}],
  ];
  for (const [name, path, type, body] of cases) {
    it(name, async () => {
      answer(path, type, body);
      const before = await balance(app, user.token);
      const res = await api(app, user.token)(
        path.startsWith("/chat") ? "/v1/chat/completions" : "/v1/images/generations",
        {
          body: path.startsWith("/chat")
            ? { model: "odd-model", messages: [{ role: "user", content: "hi" }] }
            : { model: "odd-model", prompt: "a cat" },
        },
      );
      expect(res.status, JSON.stringify(res.body)).toBe(502);
      expect(res.body.error).toMatchObject({ code: "upstream_error", provider: "odd" });
      expect(await balance(app, user.token)).toBe(before);
    });
  }
});

describe("Range follows RFC 9110 (item 15)", () => {
  let mediaPath = "";
  let size = 0;
  let etag = "";
  let lastModified = "";
  beforeAll(async () => {
    const assets = await api(app)("/api/assets?type=image&limit=1");
    mediaPath = new URL(assets.body.items[0].coverUrl, app.url).pathname;
    const full = await fetch(`${app.url}${mediaPath}`);
    size = (await full.arrayBuffer()).byteLength;
    etag = full.headers.get("etag")!;
    lastModified = full.headers.get("last-modified")!;
    expect(size).toBeGreaterThan(100);
  });
  const get = (headers: Record<string, string>) => fetch(`${app.url}${mediaPath}`, { headers });

  for (const range of [
    "bytes=abc",
    "bytes=-",
    "bytes=9-3",
    "bytes=",
    "bytes=0-1,5-6",
    "items=0-1",
  ]) {
    it(`${range} is ignored: 200 with the whole file`, async () => {
      const res = await get({ range });
      expect(res.status).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBe(size);
    });
  }
  it("a valid range outside the file is 416", async () => {
    const res = await get({ range: `bytes=${size + 10}-` });
    expect(res.status).toBe(416);
    expect(res.headers.get("content-range")).toBe(`bytes */${size}`);
  });
  it("If-Range with the current ETag or date gets the range; a stale one the whole file", async () => {
    const partial = await get({ range: "bytes=0-9", "if-range": etag });
    expect(partial.status).toBe(206);
    expect((await partial.arrayBuffer()).byteLength).toBe(10);
    const byDate = await get({ range: "bytes=0-9", "if-range": lastModified });
    expect(byDate.status).toBe(206);
    const stale = await get({ range: "bytes=0-9", "if-range": '"not-the-etag"' });
    expect(stale.status).toBe(200);
    expect((await stale.arrayBuffer()).byteLength).toBe(size);
    const old = await get({ range: "bytes=0-9", "if-range": "Thu, 01 Jan 1970 00:00:00 GMT" });
    expect(old.status).toBe(200);
  });
});

/**
 * Streams up to `total` bytes as a chunked body; returns the answer and how much had been written
 * when it arrived (the server must answer long before reading it all).
 */
function sendEndless(path: string, total: number, headers: Record<string, string>) {
  return new Promise<{
    status: number | null;
    text: string;
    written: number;
    error: string | null;
  }>((resolve) => {
    let written = 0;
    let done = false;
    const finish = (status: number | null, text: string, error: string | null) => {
      if (done) return;
      done = true;
      req.destroy();
      resolve({ status, text, written, error });
    };
    const req = http.request(`${app.url}${path}`, {
      method: "POST",
      headers: { ...headers, "transfer-encoding": "chunked" },
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => finish(res.statusCode ?? null, Buffer.concat(chunks).toString(), null));
    });
    req.on("error", (e) => finish(null, "", e.message));
    // A JSON string that never ends: nothing is valid until the whole body has been read.
    req.write('{"model":"odd-model","messages":[{"role":"user","content":"');
    const chunk = Buffer.alloc(256 * 1024, 0x61);
    const pump = () => {
      while (!done && written < total) {
        written += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!done) req.end('"}]}');
    };
    pump();
  });
}

describe("request bodies are capped while they stream in (item 3)", () => {
  const auth = (token: string) => ({
    authorization: `Bearer ${token}`,
    "content-type": "application/json",
  });
  const TOTAL = 256 * 1024 * 1024;

  for (const [path, who] of [
    ["/v1/chat/completions", "user"],
    ["/api/ai/chat/completions", "user"],
    ["/v1/images/generations", "user"],
    ["/api/auth/register", "user"],
    ["/api/admin/ai/models", "admin"],
    ["/api/credits/grant", "admin"],
  ] as const) {
    it(`${path}: a chunked 256 MiB body gets a readable 413 long before the end`, async () => {
      const r = await sendEndless(path, TOTAL, auth(who === "admin" ? admin : user.token));
      expect(r.error).toBeNull();
      expect(r.status).toBe(413);
      expect(JSON.parse(r.text).error.code).toBe("payload_too_large");
      expect(r.written).toBeLessThan(48 * 1024 * 1024);
    });
  }

  it("a client that goes away halfway through a small body costs nothing and breaks nothing", async () => {
    const before = await balance(app, user.token);
    const u = new URL(app.url);
    const body = JSON.stringify({
      model: "odd-model",
      messages: [{ role: "user", content: "hi" }],
    });
    await new Promise<void>((resolve) => {
      const req = http.request({
        host: u.hostname,
        port: u.port,
        path: "/v1/chat/completions",
        method: "POST",
        headers: { ...auth(user.token), "content-length": String(body.length) },
      });
      req.on("error", () => resolve());
      req.on("close", () => resolve());
      // Half the declared body, then the connection is gone.
      req.write(body.slice(0, body.length >> 1), () => setTimeout(() => req.destroy(), 50));
    });
    const res = await api(app, user.token)("/v1/chat/completions", {
      body: { model: "odd-model", messages: [{ role: "user", content: "hi" }] },
    });
    expect(res.status).toBe(200);
    expect(up.requests).toHaveLength(1);
    expect(await balance(app, user.token)).toBe(before - 2);
  });

  it("a small body sent whole is read, and JSON answers carry their length in bytes", async () => {
    const body = JSON.stringify({
      model: "odd-model",
      messages: [{ role: "user", content: "你好" }],
    });
    const headers = { ...auth(user.token), "content-length": String(Buffer.byteLength(body)) };
    const ok = await rawRequest("POST", "/v1/chat/completions", { headers, body });
    expect(ok.status, ok.text).toBe(200);
    expect(JSON.parse(ok.text).choices[0].message.content).toBeTruthy();
    expect(up.requests[0].body).toMatchObject({ messages: [{ role: "user", content: "你好" }] });
    // Not chunked: the length is the UTF-8 bytes, here with a Chinese error message.
    const bad = await rawRequest("POST", "/v1/chat/completions", {
      headers: { ...auth(user.token), "content-length": "9" },
      body: '{"model":',
    });
    for (const res of [ok, bad]) {
      expect(res.headers["transfer-encoding"]).toBeUndefined();
      expect(Number(res.headers["content-length"])).toBe(Buffer.byteLength(res.text));
    }
    expectErrorShape(bad, 400, "invalid_request");
    expect(JSON.parse(bad.text).error.message).toBe("请求体不是合法的 JSON");
  });

  it("a declared Content-Length over the cap is refused before reading", async () => {
    const res = await rawRequest("POST", "/v1/images/generations", {
      headers: { ...auth(user.token), "content-length": String(2 * 1024 * 1024) },
      body: Buffer.alloc(2 * 1024 * 1024, 0x20),
    });
    expectErrorShape(res, 413, "payload_too_large");
  });

  it("the official SDK uploading a 10.3 MiB PNG reads the 413, not a connection error", async () => {
    const side = 1900; // 1900² × 3 bytes of noise, stored uncompressed: ≈ 10.3 MiB
    const png = await sharp(randomBytes(side * side * 3), {
      raw: { width: side, height: side, channels: 3 },
    })
      .png({ compressionLevel: 0 })
      .toBuffer();
    expect(png.length).toBeGreaterThan(10 * 1024 * 1024);
    const sdk = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: user.token, maxRetries: 0 });
    const before = await balance(app, user.token);
    const err = await sdk.images
      .edit({
        model: "mock-image",
        prompt: "make it blue",
        image: await toFile(png, "big.png", { type: "image/png" }),
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect(err).not.toBeInstanceOf(OpenAI.APIConnectionError);
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(413);
    expect(await balance(app, user.token)).toBe(before);
    expect((await allTransactions(app, user.token)).some((t) => t.status === "pending")).toBe(
      false,
    );
  });
});
