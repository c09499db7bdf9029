import OpenAI from "openai";
import { beforeAll, describe, expect, it } from "vitest";
import { embeddingCharge, embeddingHold, speechCost } from "@/lib/pricing/compute";
import { countTextTokens } from "@/lib/gateway/tokens";
import { api, type App } from "../helpers/app";
import { balance, expectLedgerMatches } from "../helpers/chat";
import { aiCharges, COMPAT_PRICING, fundedUser, MODELS, compatSuite } from "../helpers/compat";
import { sqlQuery } from "../helpers/db";
import { type MockUpstream } from "../mocks/openai-server";

// POST /v1/embeddings and /v1/audio/speech through the official SDK: what the provider gets,
// what the client gets back (floats, base64, audio bytes) and what every call costs — against
// the HTTP mock upstream, and against the built-in mock provider (real vectors, a real WAV).

const suite = compatSuite();
let app: App;
let up: MockUpstream;
let admin: string;
beforeAll(() => ({ app, up, admin } = suite));

async function user(credits = 1000) {
  const u = await fundedUser(app, admin, credits);
  return { ...u, sdk: new OpenAI({ baseURL: `${app.url}/v1`, apiKey: u.token, maxRetries: 0 }) };
}
const lastUp = (path: string) => up.requests.filter((r) => r.path === path).at(-1)!;

describe("embeddings", () => {
  it("a batch as floats: upstream asked for floats, vectors in order, charged on its usage", async () => {
    const u = await user();
    const input = ["first text here", "second", "third one"];
    const res = await u.sdk.embeddings.create({
      model: MODELS.embedding,
      input,
      encoding_format: "float",
      dimensions: 12,
    });
    expect(lastUp("/v1/embeddings").body).toEqual({
      model: "text-embedding-3-small",
      input,
      encoding_format: "float",
      dimensions: 12,
    });
    expect(res).toMatchObject({ object: "list", model: MODELS.embedding });
    expect(res.data.map((d) => [d.object, d.index, d.embedding.length])).toEqual([
      ["embedding", 0, 12],
      ["embedding", 1, 12],
      ["embedding", 2, 12],
    ]);
    expect(res.usage).toEqual({ prompt_tokens: 6, total_tokens: 6 });
    let counted = 0;
    for (const t of input) counted += await countTextTokens(t, "text-embedding-3-small");
    const hold = embeddingHold(COMPAT_PRICING, { estimatedTokens: counted });
    const cost = embeddingCharge(COMPAT_PRICING, { promptTokens: 6 }, hold);
    expect(cost).toBe(1);
    expect(await balance(app, u.token)).toBe(1000 - cost);
    const [tx] = await aiCharges(app, u.token);
    expect(tx).toMatchObject({ reason: "embedding", status: "success", delta: -cost });
    expect(tx.meta.held).toBe(hold);
  });

  it("base64 — the SDK's default — carries the same floats, and provider base64 is read too", async () => {
    const u = await user();
    const viaBase64 = await u.sdk.embeddings.create({
      model: MODELS.embedding,
      input: "same text",
    });
    // Upstream was asked for floats even though the client wanted base64.
    expect(lastUp("/v1/embeddings").body).toMatchObject({ encoding_format: "float" });
    const floats = await u.sdk.embeddings.create({
      model: MODELS.embedding,
      input: "same text",
      encoding_format: "float",
    });
    viaBase64.data[0].embedding.forEach((x, i) =>
      expect(x).toBeCloseTo(floats.data[0].embedding[i], 4),
    );
    const raw = await api(app, u.token)("/v1/embeddings", {
      body: { model: MODELS.embedding, input: "same text", encoding_format: "base64" },
    });
    expect(typeof raw.body.data[0].embedding).toBe("string");
    // A provider that answers base64 anyway is decoded.
    const b64 = Buffer.alloc(8);
    b64.writeFloatLE(0.5, 0);
    b64.writeFloatLE(-0.25, 4);
    up.enqueue({
      status: 200,
      path: "/embeddings",
      body: {
        object: "list",
        data: [{ index: 0, embedding: b64.toString("base64") }],
        usage: { prompt_tokens: 2 },
      },
    });
    const decoded = await u.sdk.embeddings.create({
      model: MODELS.embedding,
      input: "x",
      encoding_format: "float",
    });
    expect(decoded.data[0].embedding).toEqual([0.5, -0.25]);
  });

  it("token-id input, camelCase fields and the /api/ai twin", async () => {
    const u = await user();
    const res = await api(app, u.token)("/api/ai/embeddings", {
      body: {
        model: MODELS.embedding,
        input: [
          [1, 2, 3],
          [4, 5],
        ],
        encodingFormat: "float",
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(2);
    expect(lastUp("/v1/embeddings").body).toMatchObject({
      input: [
        [1, 2, 3],
        [4, 5],
      ],
    });
  });

  it("bad input is a 400 naming `input`, a chat model a 404, short credits a 402 — none charged", async () => {
    const u = await user(0);
    const call = api(app, u.token);
    for (const input of ["", [], ["ok", ""], [[]], { text: "x" }]) {
      const res = await call("/v1/embeddings", { body: { model: MODELS.embedding, input } });
      expect(res.status, JSON.stringify(input)).toBe(400);
      expect(res.body.error.param).toMatch(/^input\b/);
    }
    const wrong = await call("/v1/embeddings", { body: { model: MODELS.chat, input: "x" } });
    expect(wrong.body.error).toMatchObject({ code: "model_not_found", param: "model" });
    const poor = await call("/v1/embeddings", { body: { model: MODELS.embedding, input: "x" } });
    expect(poor.status).toBe(402);
    expect(up.requests).toHaveLength(0);
    expect(await aiCharges(app, u.token)).toEqual([]);
  });

  it("a provider that answers fewer vectors than inputs is a 502, fully refunded", async () => {
    const u = await user();
    up.enqueue({
      status: 200,
      path: "/embeddings",
      body: { object: "list", data: [{ index: 0, embedding: [0.1] }], usage: { prompt_tokens: 2 } },
    });
    const res = await api(app, u.token)("/v1/embeddings", {
      body: { model: MODELS.embedding, input: ["a", "b"] },
    });
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({ code: "upstream_error", provider: "compat-up" });
    expect(await balance(app, u.token)).toBe(1000);
    expect((await aiCharges(app, u.token))[0].status).toBe("failed");
    await expectLedgerMatches(app, u.token);
  });

  it("the built-in mock provider: deterministic 256-dimension vectors", async () => {
    const u = await user();
    const a = await u.sdk.embeddings.create({
      model: "mock-embedding",
      input: ["你好世界", "你好"],
    });
    const b = await u.sdk.embeddings.create({ model: "mock-embedding", input: "你好世界" });
    expect(a.data[0].embedding).toHaveLength(256);
    a.data[0].embedding.forEach((x, i) => expect(x).toBeCloseTo(b.data[0].embedding[i], 5));
    expect(a.model).toBe("mock-embedding");
  });
});

describe("speech", () => {
  it("the provider's audio bytes and type, passed through; charged per 1K characters", async () => {
    const u = await user();
    const input = "你好，世界！Hello";
    const res = await u.sdk.audio.speech.create({
      model: MODELS.speech,
      voice: "alloy",
      input,
      speed: 1.25,
      instructions: "cheerful",
    });
    expect(lastUp("/v1/audio/speech").body).toEqual({
      model: "gpt-4o-mini-tts",
      voice: "alloy",
      input,
      speed: 1.25,
      instructions: "cheerful",
    });
    expect(res.headers.get("content-type")).toBe("audio/mpeg");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(
      bytes.equals(Buffer.concat([Buffer.from("ID3\x04\x00\x00"), Buffer.from(`mp3:${input}`)])),
    ).toBe(true);
    const characters = [...input].length;
    const cost = speechCost(COMPAT_PRICING, { characters });
    expect(cost).toBe(3); // 1 + 100 × 11 / 1000 = 2.1 → 3
    expect(await balance(app, u.token)).toBe(1000 - cost);
    const [tx] = await aiCharges(app, u.token);
    expect(tx).toMatchObject({ reason: "audio.speech", status: "success", delta: -cost });
    const [usage] = await sqlQuery(
      app.databaseUrl,
      `SELECT operation, "tokensIn" FROM ai_usage WHERE "requestId" = ?`,
      [tx.requestId],
    );
    expect(usage).toMatchObject({ operation: "audio.speech", tokensIn: characters });
  });

  it("each response_format comes back with its media type", async () => {
    const u = await user();
    for (const [format, type] of [
      ["wav", "audio/wav"],
      ["opus", "audio/ogg"],
      ["flac", "audio/flac"],
      ["pcm", "audio/pcm"],
    ] as const) {
      const res = await u.sdk.audio.speech.create({
        model: MODELS.speech,
        voice: "nova",
        input: "hi there",
        response_format: format,
      });
      expect(res.headers.get("content-type")).toBe(type);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(4);
    }
  });

  it("400s before any charge; a provider that answers no audio is a 502, refunded", async () => {
    const u = await user();
    const call = api(app, u.token);
    const cases: [Record<string, unknown>, string][] = [
      [{ voice: "alloy", input: "" }, "input"],
      [{ voice: "alloy", input: "长".repeat(4097) }, "input"],
      [{ input: "hi" }, "voice"],
      [{ voice: "alloy", input: "hi", response_format: "ogg" }, "response_format"],
      [{ voice: "alloy", input: "hi", speed: 9 }, "speed"],
      [{ voice: "alloy", input: "hi", stream_format: "sse" }, "stream_format"],
    ];
    for (const [body, param] of cases) {
      const res = await call("/v1/audio/speech", { body: { model: MODELS.speech, ...body } });
      expect(res.status, param).toBe(400);
      expect(res.body.error.param).toBe(param);
    }
    expect(up.requests).toHaveLength(0);
    up.enqueue({ status: 200, path: "/audio/speech", body: { error: "this is not audio" } });
    const bad = await call("/v1/audio/speech", {
      body: { model: MODELS.speech, voice: "alloy", input: "hi" },
    });
    expect(bad.status).toBe(502);
    expect(bad.body.error.code).toBe("upstream_error");
    expect(await balance(app, u.token)).toBe(1000);
    await expectLedgerMatches(app, u.token);
  });

  it("the built-in mock provider synthesises a playable WAV", async () => {
    const u = await user();
    const res = await u.sdk.audio.speech.create({
      model: "mock-tts",
      voice: "alloy",
      input: "欢迎使用 AIGC Studio",
      response_format: "wav",
    });
    expect(res.headers.get("content-type")).toBe("audio/wav");
    const wav = Buffer.from(await res.arrayBuffer());
    expect(wav.toString("ascii", 0, 4)).toBe("RIFF");
    expect(wav.toString("ascii", 8, 12)).toBe("WAVE");
    expect(wav.readUInt32LE(24)).toBe(24_000);
    expect(wav.readUInt32LE(40)).toBe(wav.length - 44);
    expect(wav.length).toBeGreaterThan(24_000); // more than half a second of 16-bit audio
    // 10 credits per 1K characters, at least 1.
    expect(await balance(app, u.token)).toBe(999);
  });
});
