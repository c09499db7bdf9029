import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { api, type App, startApp } from "../helpers/app";
import { grant } from "../helpers/chat";
import { type MockUpstream, startMockUpstream } from "../mocks/openai-server";

// Issue 15 item 1: a hostile upstream echoes the provider's key — one that does not look like
// `sk-…` — and an extra header's value in every shape an error can take. Nothing of either, not
// even a 6-character piece, may reach a response, an SSE error event or the server log.

const KEY = "QZX.topsecret:7731.distinct";
const HEADER_VALUE = "hdr-Vk4PqW81-zrT";
const SECRETS = [KEY, HEADER_VALUE];

/** Every 6-character piece of a secret that `text` contains. */
function leaks(text: string): string[] {
  const found = new Set<string>();
  for (const secret of SECRETS)
    for (let i = 0; i + 6 <= secret.length; i++)
      if (text.includes(secret.slice(i, i + 6))) found.add(secret.slice(i, i + 6));
  return [...found];
}

const echo = `Incorrect API key provided: ${KEY} (header x-tenant-token=${HEADER_VALUE})`;
// Each way an upstream error can be shaped: [status, content type, body].
const SHAPES: [string, number, string, string][] = [
  ["401 OpenAI error", 401, "application/json", JSON.stringify({ error: { message: echo } })],
  [
    "400 quoting the key's tail",
    400,
    "application/json",
    JSON.stringify({ error: { message: `bad key …${KEY.slice(9)}` } }),
  ],
  ["plain {error: key}", 403, "application/json", JSON.stringify({ error: KEY })],
  ["HTML page", 502, "text/html", `<html><body><h1>Bad gateway</h1><p>${echo}</p></body></html>`],
  ["plain text", 500, "text/plain", echo],
  [
    "500 with the header value",
    500,
    "application/json",
    JSON.stringify({ message: echo, headers: { "x-tenant-token": HEADER_VALUE } }),
  ],
];

let app: App;
let up: MockUpstream;
let admin: string;
let providerId: string;
let token: string;
let sdk: OpenAI;
const seen: string[] = [];

beforeAll(async () => {
  up = await startMockUpstream();
  app = await startApp({ SEED_DEMO: "0", SIGNUP_CREDITS: "0", AI_TIMEOUT_MS: "3000" });
  admin = await app.adminToken();
  const call = api(app, admin);
  const provider = await call("/api/admin/ai/providers", {
    body: {
      slug: "hostile",
      name: "Hostile",
      baseURL: up.url,
      apiKey: KEY,
      extraHeaders: { "x-tenant-token": HEADER_VALUE },
    },
  });
  expect(provider.status, JSON.stringify(provider.body)).toBe(201);
  providerId = provider.body.item.id;
  for (const [slug, capabilities] of [
    ["leak-chat", ["chat"]],
    ["leak-image", ["image.generate"]],
  ] as const) {
    const model = await call("/api/admin/ai/models", {
      body: {
        slug,
        providerId,
        upstreamModel: slug,
        capabilities,
        pricing: { chat: { fixedCreditsPerCall: 1 }, "image.generate": { perImage: 1 } },
      },
    });
    expect(model.status, JSON.stringify(model.body)).toBe(201);
  }
  const u = await app.register();
  await grant(app, admin, u.id, 10_000);
  token = u.token;
  sdk = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: token, maxRetries: 0 });
});
beforeEach(() => up.reset());
afterAll(async () => {
  await app?.stop();
  await up?.stop();
});

/** Scripts `n` answers of one shape for requests whose path ends with `path`. */
function script(path: string, status: number, type: string, body: string, n = 3) {
  for (let i = 0; i < n; i++)
    up.enqueue({
      path,
      handle: (res) => {
        res.writeHead(status, { "content-type": type });
        res.end(body);
      },
    });
}

async function raw(path: string, body: unknown, auth = token) {
  const res = await fetch(`${app.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${auth}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  seen.push(text);
  return { status: res.status, text };
}

describe("the provider's key and extra header values never leave the server", () => {
  it("sends both upstream (the leak tests below are real)", async () => {
    await raw("/v1/chat/completions", {
      model: "leak-chat",
      messages: [{ role: "user", content: "hi" }],
    });
    const sent = up.requests.find((r) => r.path === "/v1/chat/completions")!;
    expect(sent.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent.headers["x-tenant-token"]).toBe(HEADER_VALUE);
  });

  for (const [name, status, type, body] of SHAPES) {
    it(`chat (JSON): ${name}`, async () => {
      script("/chat/completions", status, type, body);
      const res = await raw("/v1/chat/completions", {
        model: "leak-chat",
        messages: [{ role: "user", content: "hi" }],
      });
      expect(res.status).toBe(502);
      expect(JSON.parse(res.text).error).toMatchObject({
        code: "upstream_error",
        provider: "hostile",
      });
      expect(leaks(res.text)).toEqual([]);
    });

    it(`chat (stream, before any chunk): ${name}`, async () => {
      script("/chat/completions", status, type, body);
      const res = await raw("/v1/chat/completions", {
        model: "leak-chat",
        stream: true,
        messages: [{ role: "user", content: "hi" }],
      });
      expect(res.status).toBe(502);
      expect(leaks(res.text)).toEqual([]);
    });

    it(`images: ${name}`, async () => {
      script("/images/generations", status, type, body);
      const res = await raw("/v1/images/generations", { model: "leak-image", prompt: "a cat" });
      expect(res.status).toBe(502);
      expect(leaks(res.text)).toEqual([]);
    });

    it(`admin connection test and import: ${name}`, async () => {
      script("/models", status, type, body, 2);
      const test = await raw("/api/admin/ai/providers/test", { providerId }, admin);
      expect(JSON.parse(test.text)).toMatchObject({ ok: false });
      expect(leaks(test.text)).toEqual([]);
      script("/models", status, type, body, 2);
      const imported = await raw(
        "/api/admin/ai/models/import",
        { providerId, strategy: "openaiLike" },
        admin,
      );
      expect(imported.status).toBe(502);
      expect(leaks(imported.text)).toEqual([]);
    });
  }

  it("a mid-stream error event quoting the key is scrubbed", async () => {
    up.enqueue({
      path: "/chat/completions",
      handle: (res) => {
        res.writeHead(200, { "content-type": "text/event-stream" });
        const chunk = (delta: object) =>
          `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`;
        res.write(chunk({ role: "assistant", content: "" }));
        res.write(chunk({ content: "partial answer" }));
        res.write(
          `data: ${JSON.stringify({ error: { message: echo, type: "server_error" } })}\n\n`,
        );
        res.end();
      },
    });
    const res = await raw("/v1/chat/completions", {
      model: "leak-chat",
      stream: true,
      messages: [{ role: "user", content: "hi" }],
    });
    expect(res.status).toBe(200);
    expect(res.text).toContain("partial answer");
    expect(res.text).toContain('"code":"upstream_error"');
    expect(leaks(res.text)).toEqual([]);
  });

  it("the official SDK's errors carry none of it either", async () => {
    script("/chat/completions", 401, "application/json", SHAPES[0][3]);
    const err = (await sdk.chat.completions
      .create({ model: "leak-chat", messages: [{ role: "user", content: "hi" }] })
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect(leaks(`${err.message} ${JSON.stringify(err.error)}`)).toEqual([]);
  });

  it("nothing of it in any answer, audit row or log line", async () => {
    const audit = await api(app, admin)("/api/admin/audit?limit=100");
    const all = [...seen, JSON.stringify(audit.body)].join("\n");
    expect(leaks(all)).toEqual([]);
    expect(leaks(app.logs())).toEqual([]);
  });
});
