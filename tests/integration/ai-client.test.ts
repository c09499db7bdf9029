import OpenAI, { toFile } from "openai";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { inProcessEnv } from "../helpers/in-process";
import { type MockUpstream, startMockUpstream } from "../mocks/openai-server";

// The client factory and the built-in mock, imported in process against a real database and a
// real HTTP upstream. Retry behaviour is asserted on the upstream's own request log.

const setup = inProcessEnv({ AI_TIMEOUT_MS: "400" });
const ctx = { actor: null, ip: "127.0.0.1" };
let up: MockUpstream;
let lib: {
  client: typeof import("@/lib/providers/client");
  wire: typeof import("@/lib/providers/wire");
  providers: typeof import("@/lib/catalog/admin/providers");
  models: typeof import("@/lib/catalog/admin/models");
  resolve: typeof import("@/lib/catalog/resolve");
  seed: typeof import("@/lib/catalog/admin/mock-seed");
};
let providerId: string;

beforeAll(async () => {
  up = await startMockUpstream({ apiKey: "sk-upstream-secret-123" });
  const { migrateToLatest } = await import("@/lib/db");
  await migrateToLatest();
  lib = {
    client: await import("@/lib/providers/client"),
    wire: await import("@/lib/providers/wire"),
    providers: await import("@/lib/catalog/admin/providers"),
    models: await import("@/lib/catalog/admin/models"),
    resolve: await import("@/lib/catalog/resolve"),
    seed: await import("@/lib/catalog/admin/mock-seed"),
  };
  const p = await lib.providers.createProvider(
    {
      slug: "up",
      name: "Upstream",
      baseURL: up.url,
      apiKey: "sk-upstream-secret-123",
      extraHeaders: { "X-Title": "AIGC Studio", "HTTP-Referer": "https://aigc.test" },
    },
    ctx,
  );
  providerId = p.id;
});
beforeEach(() => up.reset());
afterAll(async () => {
  await up?.stop();
  const { closeDb } = await import("@/lib/db");
  await closeDb();
  setup.cleanup();
});

const chat = async (c: OpenAI) =>
  c.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] });

const providerRow = async (slug: string) => {
  const { db } = await import("@/lib/db");
  return db.selectFrom("providers").selectAll().where("slug", "=", slug).executeTakeFirstOrThrow();
};

// Chat calls go upstream two ways: through the SDK client (streams, images, …) and, for
// non-streamed completions, through the SDK-free JSON call (providers/wire.ts). Both must send
// the same thing and fail, retry and time out the same way.
const transports = {
  sdk: async (slug: string) => chat(await lib.client.providerClientFactory(slug)),
  wire: async (slug: string) =>
    lib.wire.postJson<OpenAI.ChatCompletion>(
      lib.client.wireForRow(await providerRow(slug)),
      "/chat/completions",
      { model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] },
    ),
};

describe.each(Object.keys(transports) as (keyof typeof transports)[])(
  "provider calls through the %s transport",
  (name) => {
    const call = (slug = "up") => transports[name](slug);

    it("sends the decrypted key and the provider's extra headers", async () => {
      const res = await call();
      expect(res.choices[0].message.content).toBe("mock upstream reply");
      const h = up.requests[0].headers;
      expect(h.authorization).toBe("Bearer sk-upstream-secret-123");
      expect(h["x-title"]).toBe("AIGC Studio");
      expect(h["http-referer"]).toBe("https://aigc.test");
      expect(h["user-agent"]).toMatch(/^OpenAI\/JS /);
    });

    it("retries twice on 429 honouring Retry-After, then succeeds", async () => {
      up.enqueue({
        status: 429,
        headers: { "retry-after": "1" },
        body: { error: { message: "slow down" } },
      });
      up.enqueue({
        status: 429,
        headers: { "retry-after": "0" },
        body: { error: { message: "slow down" } },
      });
      const started = Date.now();
      await call();
      expect(up.requests).toHaveLength(3);
      expect(up.requests[1].at - up.requests[0].at).toBeGreaterThanOrEqual(950);
      expect(Date.now() - started).toBeLessThan(5000);
    });

    it("gives up after 2 retries on 500 with exponential backoff", async () => {
      for (let i = 0; i < 3; i++) up.enqueue({ status: 500, body: { error: { message: "boom" } } });
      const err = await call().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OpenAI.InternalServerError);
      expect((err as InstanceType<typeof OpenAI.APIError>).error).toMatchObject({
        message: "boom",
      });
      expect(up.requests).toHaveLength(3);
      const [a, b, c] = up.requests.map((r) => r.at);
      // 0.5 s then 1 s, each with up to 25 % jitter.
      expect(b - a).toBeGreaterThanOrEqual(370);
      expect(c - b).toBeGreaterThanOrEqual(740);
    });

    it("does not retry a 400 or a 409", async () => {
      up.enqueue({ status: 400, body: { error: { message: "bad" } } });
      await expect(call()).rejects.toBeInstanceOf(OpenAI.BadRequestError);
      expect(up.requests).toHaveLength(1);
      up.enqueue({ status: 409, body: { error: { message: "conflict" } } });
      await expect(call()).rejects.toBeInstanceOf(OpenAI.ConflictError);
      expect(up.requests).toHaveLength(2);
    });

    it("times out after AI_TIMEOUT_MS per attempt", async () => {
      for (let i = 0; i < 3; i++) up.enqueue({ delayMs: 1500 });
      const started = Date.now();
      await expect(call()).rejects.toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
      expect(up.requests).toHaveLength(3);
      expect(Date.now() - started).toBeLessThan(4500);
    });
  },
);

const streamBody: OpenAI.ChatCompletionCreateParamsStreaming = {
  model: "gpt-4o-mini",
  messages: [{ role: "user", content: "hi" }],
  stream: true,
};
const wireStream = async (signal?: AbortSignal) =>
  lib.wire.streamJson<OpenAI.ChatCompletionChunk>(
    lib.client.wireForRow(await providerRow("up")),
    "/chat/completions",
    streamBody,
    signal,
  );
const collect = async <T>(it: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

describe("streams through the SDK-free transport", () => {
  it("yields the same chunks as the SDK's stream", async () => {
    const viaSdk = await collect(
      await (await lib.client.providerClientFactory("up")).chat.completions.create(streamBody),
    );
    const viaWire = await collect(await wireStream());
    expect(viaWire.map((c) => c.choices[0]?.delta)).toEqual(viaSdk.map((c) => c.choices[0]?.delta));
    expect(viaWire.map((c) => c.choices[0]?.delta?.content ?? "").join("")).toContain(
      "mock upstream reply",
    );
  });

  it("reads events split anywhere, CRLF lines, comments and multi-line data", async () => {
    up.enqueue({
      handle: async (res) => {
        res.writeHead(200, { "content-type": "text/event-stream" });
        const frames =
          ': keep-alive\r\n\r\ndata: {"choices":[{"delta":{"content":"你好"}}]}\r\n\r\n' +
          'data: {"choices":[{"delta":\r\ndata: {"content":"，世界"}}]}\r\n\r\n' +
          "event: message\ndata: [DONE]\n\n";
        // One byte at a time: every boundary (inside a CRLF, inside a UTF-8 character) is hit.
        const bytes = Buffer.from(frames);
        for (let i = 0; i < bytes.length; i++) {
          res.write(bytes.subarray(i, i + 1));
          if (i % 16 === 0) await new Promise((r) => setImmediate(r));
        }
        res.end();
      },
    });
    const chunks = await collect(await wireStream());
    expect(chunks.map((c) => c.choices[0].delta.content)).toEqual(["你好", "，世界"]);
  });

  it("throws an event that carries an error as the SDK's APIError", async () => {
    up.enqueue({
      handle: (res) => {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.write('data: {"choices":[{"delta":{"content":"a"}}]}\n\n');
        res.end('data: {"error":{"message":"model overloaded mid-stream"}}\n\n');
      },
    });
    const it = await wireStream();
    expect((await it.next()).value?.choices[0].delta.content).toBe("a");
    const err = await it.next().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect((err as InstanceType<typeof OpenAI.APIError>).error).toMatchObject({
      message: "model overloaded mid-stream",
    });
  });

  it("retries before the stream starts, never after", async () => {
    up.enqueue({ status: 503, headers: { "retry-after": "0" }, body: { error: { message: "x" } } });
    expect((await collect(await wireStream())).length).toBeGreaterThan(1);
    expect(up.requests).toHaveLength(2);
    up.reset();
    up.enqueue({
      handle: (res) => {
        res.writeHead(200, { "content-type": "text/event-stream" });
        // Cut once the first event is out (before that it would be a plain network error).
        res.write('data: {"choices":[{"delta":{"content":"a"}}]}\n\n', () =>
          setTimeout(() => res.destroy(), 20),
        );
      },
    });
    await expect(collect(await wireStream())).rejects.toThrow();
    expect(up.requests).toHaveLength(1);
  });

  it("ends quietly when the caller aborts mid-stream, and lets go of the connection", async () => {
    let closed = false;
    up.enqueue({
      handle: (res) => {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.write('data: {"choices":[{"delta":{"content":"a"}}]}\n\n');
        res.on("close", () => (closed = true));
      },
    });
    const abort = new AbortController();
    const it = await wireStream(abort.signal);
    expect((await it.next()).done).toBe(false);
    abort.abort();
    expect((await it.next()).done).toBe(true);
    await expect.poll(() => closed).toBe(true);
  });
});

describe("providerClientFactory", () => {
  it("caches per provider and rebuilds when the provider changes", async () => {
    const a = await lib.client.providerClientFactory("up");
    expect(await lib.client.providerClientFactory("up")).toBe(a);
    const wireA = lib.client.wireForRow(await providerRow("up"));
    await lib.providers.updateProvider(providerId, { extraHeaders: { "X-Title": "Renamed" } }, ctx);
    const b = await lib.client.providerClientFactory("up");
    expect(b).not.toBe(a);
    await chat(b);
    expect(up.requests[0].headers["x-title"]).toBe("Renamed");
    const wireB = lib.client.wireForRow(await providerRow("up"));
    expect(wireB).not.toBe(wireA);
    expect(wireB.headers["x-title"]).toBe("Renamed");
  });

  it("sends no Authorization header for a keyless provider", async () => {
    await lib.providers.createProvider(
      { slug: "nokey", name: "No key", kind: "ollama", baseURL: up.url },
      ctx,
    );
    await (await lib.client.providerClientFactory("nokey")).models.list().catch(() => null);
    expect(up.requests[0].headers.authorization).toBeUndefined();
    await transports.wire("nokey").catch(() => null);
    expect(up.requests[1].path).toMatch(/chat\/completions$/);
    expect(up.requests[1].headers.authorization).toBeUndefined();
  });

  it("refuses unknown and disabled providers with model_not_found", async () => {
    await expect(lib.client.providerClientFactory("nope")).rejects.toMatchObject({
      code: "model_not_found",
      status: 404,
    });
    const p = await lib.providers.createProvider(
      { slug: "off", name: "Off", baseURL: up.url, enabled: false },
      ctx,
    );
    await expect(lib.client.providerClientFactory("off")).rejects.toMatchObject({
      code: "model_not_found",
    });
    await lib.providers.deleteProvider(p.id, ctx);
  });
});

describe("built-in mock provider", () => {
  beforeAll(async () => {
    const { env } = await import("@/lib/env");
    (env as { MOCK_AI: boolean }).MOCK_AI = true;
    await lib.seed.seedMockProvider();
    expect(await lib.seed.seedMockProvider()).toBe(0);
  });

  it("streams a deterministic reply word by word with a usage chunk", async () => {
    const c = await lib.client.providerClientFactory("mock");
    const run = async () => {
      const stream = await c.chat.completions.create({
        model: "mock-chat",
        messages: [{ role: "user", content: "讲个故事" }],
        stream: true,
        stream_options: { include_usage: true },
      });
      const pieces: string[] = [];
      let usage: OpenAI.CompletionUsage | undefined;
      for await (const chunk of stream) {
        const d = chunk.choices[0]?.delta?.content;
        if (d) pieces.push(d);
        if (chunk.usage) usage = chunk.usage;
      }
      return { pieces, usage };
    };
    const first = await run();
    expect(first.pieces.length).toBeGreaterThan(5);
    expect(first.pieces.join("")).toContain("讲个故事");
    expect(first.usage?.completion_tokens).toBe(first.pieces.length);
    expect((await run()).pieces).toEqual(first.pieces);
    // The SDK-free stream reaches the in-process mock through the kind's own fetch.
    const viaWire = await collect(
      await lib.wire.streamJson<OpenAI.ChatCompletionChunk>(
        lib.client.wireForRow(await providerRow("mock")),
        "/chat/completions",
        {
          model: "mock-chat",
          messages: [{ role: "user", content: "讲个故事" }],
          stream: true,
          stream_options: { include_usage: true },
        },
      ),
    );
    expect(viaWire.flatMap((c) => c.choices[0]?.delta?.content || [])).toEqual(first.pieces);
    expect(viaWire.at(-1)?.usage).toEqual(first.usage);
  });

  it("stops at max_tokens with finish_reason length", async () => {
    const c = await lib.client.providerClientFactory("mock");
    const res = await c.chat.completions.create({
      model: "mock-chat",
      messages: [{ role: "user", content: "hi" }],
      max_tokens: 3,
    });
    expect(res.choices[0].finish_reason).toBe("length");
    expect(res.usage?.completion_tokens).toBe(3);
    // The SDK-free call reaches the in-process mock through the kind's own fetch.
    const viaWire = await lib.wire.postJson<OpenAI.ChatCompletion>(
      lib.client.wireForRow(await providerRow("mock")),
      "/chat/completions",
      { model: "mock-chat", messages: [{ role: "user", content: "hi" }], max_tokens: 3 },
    );
    expect(viaWire.choices[0]).toMatchObject(res.choices[0]);
    expect(viaWire.usage).toEqual(res.usage);
  });

  it("renders images from the prompt and edits uploaded pictures", async () => {
    const c = await lib.client.providerClientFactory("mock");
    const gen = await c.images.generate({
      model: "mock-image",
      prompt: "海边日落",
      size: "1792x1024",
      n: 2,
      response_format: "b64_json",
    });
    const [a, b] = gen.data!.map((d) => Buffer.from(d.b64_json!, "base64"));
    expect(await sharp(a).metadata()).toMatchObject({ format: "png", width: 1792, height: 1024 });
    expect(a.equals(b)).toBe(false);
    const again = await c.images.generate({
      model: "mock-image",
      prompt: "海边日落",
      size: "1792x1024",
      n: 1,
    });
    expect(Buffer.from(again.data![0].b64_json!, "base64").equals(a)).toBe(true);

    const input = await sharp({
      create: { width: 64, height: 48, channels: 3, background: "#ffffff" },
    })
      .png()
      .toBuffer();
    const edit = await c.images.edit({
      model: "mock-image",
      prompt: "变成夜景",
      image: await toFile(input, "in.png", { type: "image/png" }),
    });
    const out = Buffer.from(edit.data![0].b64_json!, "base64");
    const stats = await sharp(out).stats();
    expect(await sharp(out).metadata()).toMatchObject({ width: 64, height: 48 });
    // White input, negated and overlaid: clearly darker than the original.
    expect(stats.channels[0].mean).toBeLessThan(200);
  });
});

describe("resolveModel", () => {
  it("returns model and provider views for an enabled, capable model", async () => {
    const { model, provider } = await lib.resolve.resolveModel("mock-chat", "chat");
    expect(model).toMatchObject({
      slug: "mock-chat",
      enabled: true,
      capabilities: ["chat"],
      upstreamModel: "mock-chat",
    });
    expect(model.pricing.chat?.perKTokens).toEqual({ input: 1, output: 2 });
    expect(provider).toMatchObject({ slug: "mock", enabled: true, hasApiKey: false });
    expect(provider).not.toHaveProperty("apiKeyEncrypted");
    expect((await lib.resolve.resolveModel("mock-image", "image.edit", "mock")).model.slug).toBe(
      "mock-image",
    );
  });

  it("is 404 model_not_found for unknown, lacking, mismatched, disabled and provider-disabled", async () => {
    const cases: [string, "chat" | "image.generate", string?][] = [
      ["nope", "chat"],
      ["mock-chat", "image.generate"],
      ["mock-chat", "chat", "up"],
    ];
    for (const [slug, op, prov] of cases) {
      await expect(lib.resolve.resolveModel(slug, op, prov)).rejects.toMatchObject({
        code: "model_not_found",
        status: 404,
      });
    }
    const m = (await lib.models.listModels({ q: "mock-chat-pro" }))[0];
    await lib.models.updateModel(m.id, { enabled: false }, ctx);
    await expect(lib.resolve.resolveModel("mock-chat-pro", "chat")).rejects.toMatchObject({
      code: "model_not_found",
    });
    const mock = (await lib.providers.listProviders()).find((p) => p.slug === "mock")!;
    await lib.providers.updateProvider(mock.id, { enabled: false }, ctx);
    await expect(lib.resolve.resolveModel("mock-chat", "chat")).rejects.toMatchObject({
      code: "model_not_found",
    });
    await lib.providers.updateProvider(mock.id, { enabled: true }, ctx);
    expect((await lib.resolve.resolveModel("mock-chat", "chat")).model.slug).toBe("mock-chat");
  });
});
