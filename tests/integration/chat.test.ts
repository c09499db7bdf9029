import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { chatCharge } from "@/lib/pricing/compute";
import { countTextTokens, estimatePromptTokens } from "@/lib/gateway/tokens";
import { api, type App, startApp } from "../helpers/app";
import {
  allTransactions,
  balance,
  createModel,
  createProvider,
  expectLedgerMatches,
  grant,
  PROVIDER_KEY,
  settled,
} from "../helpers/chat";
import { type MockUpstream, startMockUpstream } from "../mocks/openai-server";

// The chat gateway as a user meets it: the official openai SDK pointed at /v1 with a bearer
// token, a real HTTP upstream behind it, and every credit checked through the credits API.

const PRICING = {
  chat: { fixedCreditsPerCall: 1, perKTokens: { input: 100, output: 200 } },
  rounding: "ceil" as const,
};
const METRICS_TOKEN = "metrics-token-for-tests-0123456789";
const seen: string[] = []; // every response body, checked for the provider key at the end

let app: App;
let up: MockUpstream;
let admin: string;

beforeAll(async () => {
  up = await startMockUpstream({ apiKey: PROVIDER_KEY });
  app = await startApp({
    SEED_DEMO: "0",
    SIGNUP_CREDITS: "0",
    AI_TIMEOUT_MS: "700",
    RATE_LIMIT_USER_PER_MIN: "100000",
    RATE_LIMIT_IP_PER_MIN: "100000",
    CHAT_MAX_MESSAGES: "20",
    METRICS_TOKEN,
  });
  admin = await app.adminToken();
  const provider = await createProvider(app, admin, up.url);
  await createModel(app, admin, {
    slug: "test-chat",
    providerId: provider.id,
    upstreamModel: "gpt-4o-mini",
    contextWindow: 8192,
    pricing: PRICING,
  });
  await createModel(app, admin, {
    slug: "flat-five",
    providerId: provider.id,
    upstreamModel: "gpt-4o-mini",
    pricing: { chat: { fixedCreditsPerCall: 5 } },
  });
  await createModel(app, admin, {
    slug: "tiny-window",
    providerId: provider.id,
    upstreamModel: "gpt-4o-mini",
    contextWindow: 64,
    pricing: PRICING,
  });
});
beforeEach(() => up.reset());
afterAll(async () => {
  await app?.stop();
  await up?.stop();
});

async function user(credits: number) {
  const u = await app.register();
  if (credits) await grant(app, admin, u.id, credits);
  const sdk = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: u.token, maxRetries: 0 });
  return { ...u, sdk };
}

const messages = [{ role: "user" as const, content: "say something nice about credits" }];
const lastUpstream = () => up.requests.filter((r) => r.path === "/v1/chat/completions").at(-1)!;
const priced = (pt: number, ct: number) =>
  chatCharge(PRICING, { promptTokens: pt, completionTokens: ct }, Number.MAX_SAFE_INTEGER);

async function rawChat(
  path: string,
  token: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const res = await api(app, token)(path, { body, headers });
  seen.push(JSON.stringify(res.body));
  return res;
}

describe("non-stream chat through the SDK", () => {
  it("answers an OpenAI ChatCompletion and charges exactly the priced usage", async () => {
    const u = await user(1000);
    const { data, response } = await u.sdk.chat.completions
      .create({ model: "test-chat", messages })
      .withResponse();
    seen.push(JSON.stringify(data));
    expect(data.object).toBe("chat.completion");
    expect(data.model).toBe("test-chat");
    expect(data.choices[0].message.content).toBe("mock upstream reply");
    expect(response.headers.get("x-request-id")).toBeTruthy();
    const cost = priced(data.usage!.prompt_tokens, data.usage!.completion_tokens);
    expect(cost).toBeGreaterThan(1);
    expect(await balance(app, u.token)).toBe(1000 - cost);
    const tx = (await allTransactions(app, u.token)).find((t) => t.reason === "chat")!;
    expect(tx).toMatchObject({
      status: "success",
      delta: -cost,
      requestId: response.headers.get("x-request-id"),
    });
    await expectLedgerMatches(app, u.token);
  });

  it("sends a clean OpenAI request upstream: upstream model, snake_case, no app fields, the provider key", async () => {
    const u = await user(1000);
    const res = await rawChat("/v1/chat/completions", u.token, {
      model: "test-chat",
      messages,
      maxTokens: 50,
      topP: 0.5,
      responseFormat: { type: "text" },
      temperature: 0.2,
      seed: 7,
      requestId: "clean-1",
      provider: "mockup",
    });
    expect(res.status).toBe(200);
    const sent = lastUpstream();
    expect(sent.headers.authorization).toBe(`Bearer ${PROVIDER_KEY}`);
    expect(sent.body).toEqual({
      model: "gpt-4o-mini",
      messages,
      max_tokens: 50,
      top_p: 0.5,
      response_format: { type: "text" },
      temperature: 0.2,
      seed: 7,
    });
    expect(res.headers.get("x-request-id")).toBe("clean-1");
  });

  it("402 when the balance cannot cover a named max_tokens, balance unchanged, provider never called", async () => {
    const u = await user(3);
    const err = await u.sdk.chat.completions
      .create({ model: "test-chat", messages, max_tokens: 100 })
      .catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect(err.status).toBe(402);
    expect(err.error.code).toBe("insufficient_credits");
    expect(await balance(app, u.token)).toBe(3);
    expect(up.requests.length).toBe(0);
    await expectLedgerMatches(app, u.token);
  });

  it("the same requestId twice: 409 duplicate_request, charged once; Idempotency-Key works alike", async () => {
    const u = await user(1000);
    const first = await rawChat("/v1/chat/completions", u.token, {
      model: "test-chat",
      messages,
      requestId: "dup-1",
    });
    expect(first.status).toBe(200);
    const after = await balance(app, u.token);
    const again = await rawChat("/v1/chat/completions", u.token, {
      model: "test-chat",
      messages,
      requestId: "dup-1",
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "duplicate_request", requestId: "dup-1" });
    const viaHeader = await rawChat(
      "/v1/chat/completions",
      u.token,
      { model: "test-chat", messages },
      { "idempotency-key": "dup-1" },
    );
    expect(viaHeader.status).toBe(409);
    expect(await balance(app, u.token)).toBe(after);
    expect(up.requests.length).toBe(1);
    // Another user may use the same requestId: unique per user.
    const other = await user(1000);
    expect(
      (
        await rawChat("/v1/chat/completions", other.token, {
          model: "test-chat",
          messages,
          requestId: "dup-1",
        })
      ).status,
    ).toBe(200);
  });

  it("429 twice upstream then success: retried, one charge", async () => {
    const u = await user(1000);
    const limited = {
      status: 429,
      headers: { "retry-after": "0" },
      body: { error: { message: "slow down", type: "rate_limit", code: "rate_limited" } },
    };
    up.enqueue(limited);
    up.enqueue(limited);
    const data = await u.sdk.chat.completions.create({ model: "test-chat", messages });
    expect(up.requests.length).toBe(3);
    expect(await balance(app, u.token)).toBe(
      1000 - priced(data.usage!.prompt_tokens, data.usage!.completion_tokens),
    );
    expect((await allTransactions(app, u.token)).filter((t) => t.reason === "chat")).toHaveLength(
      1,
    );
  });

  it("500 after retries: 502 upstream_error with provider and requestId, full refund, and the requestId may be retried", async () => {
    const u = await user(1000);
    for (let i = 0; i < 3; i++)
      up.enqueue({ status: 500, body: { error: { message: `boom with key ${PROVIDER_KEY}` } } });
    const res = await rawChat("/v1/chat/completions", u.token, {
      model: "test-chat",
      messages,
      requestId: "fail-1",
    });
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({
      code: "upstream_error",
      type: "upstream_error",
      provider: "mockup",
      requestId: "fail-1",
    });
    expect(res.body.error.message).not.toContain(PROVIDER_KEY);
    expect(await balance(app, u.token)).toBe(1000);
    const txs = await expectLedgerMatches(app, u.token);
    expect(txs.find((t) => t.requestId === "fail-1")?.status).toBe("failed");
    const retry = await rawChat("/v1/chat/completions", u.token, {
      model: "test-chat",
      messages,
      requestId: "fail-1",
    });
    expect(retry.status).toBe(200);
  });

  it("slow upstream beyond AI_TIMEOUT_MS: 504 upstream_timeout and refund", async () => {
    const u = await user(1000);
    for (let i = 0; i < 3; i++) up.enqueue({ delayMs: 2000 });
    const res = await rawChat("/v1/chat/completions", u.token, { model: "test-chat", messages });
    expect(res.status).toBe(504);
    expect(res.body.error).toMatchObject({ code: "upstream_timeout", provider: "mockup" });
    expect(await balance(app, u.token)).toBe(1000);
    await expectLedgerMatches(app, u.token);
  });
});

async function readSse(
  res: Response,
): Promise<{ events: string[]; chunks: Record<string, unknown>[] }> {
  const text = await res.text();
  seen.push(text);
  const events = text
    .split("\n\n")
    .filter(Boolean)
    .map((e) => e.replace(/^data: /, ""));
  return { events, chunks: events.filter((e) => e !== "[DONE]").map((e) => JSON.parse(e)) };
}

describe("streaming chat", () => {
  it("SDK stream with include_usage: chunks, one usage chunk, charged exactly the reported usage", async () => {
    const u = await user(1000);
    const stream = await u.sdk.chat.completions.create({
      model: "test-chat",
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    const usages = [];
    for await (const chunk of stream) {
      expect(chunk.model).toBe("test-chat");
      text += chunk.choices[0]?.delta?.content ?? "";
      if (chunk.usage) usages.push(chunk.usage);
    }
    expect(text.trim()).toBe("mock upstream reply");
    expect(usages).toHaveLength(1);
    await settled(app, u.token);
    expect(await balance(app, u.token)).toBe(
      1000 - priced(usages[0].prompt_tokens, usages[0].completion_tokens),
    );
    expect((lastUpstream().body as { stream_options: unknown }).stream_options).toEqual({
      include_usage: true,
    });
  });

  it("without include_usage: no usage reaches the client, billing still uses the upstream's usage", async () => {
    const u = await user(1000);
    const res = await fetch(`${app.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${u.token}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "test-chat", messages, stream: true }),
    });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    expect(res.headers.get("x-accel-buffering")).toBe("no");
    expect(res.headers.get("cache-control")).toContain("no-cache");
    expect(res.headers.get("x-request-id")).toBeTruthy();
    const { events, chunks } = await readSse(res);
    expect(events.at(-1)).toBe("[DONE]");
    expect(chunks.every((c) => !("usage" in c))).toBe(true);
    // The mock reports prompt = words of the messages, completion = chunk count (5).
    await settled(app, u.token);
    expect(await balance(app, u.token)).toBe(1000 - priced(5, 5));
    expect((lastUpstream().body as { stream_options: unknown }).stream_options).toEqual({
      include_usage: true,
    });
  });

  it("upstream reports no usage: charged on locally counted tokens; the client still gets a usage chunk when it asked", async () => {
    const u = await user(1000);
    up.setMode({ usageInStream: false });
    const stream = await u.sdk.chat.completions.create({
      model: "test-chat",
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    let usage: OpenAI.CompletionUsage | undefined;
    let text = "";
    for await (const chunk of stream) {
      usage = chunk.usage ?? usage;
      text += chunk.choices[0]?.delta?.content ?? "";
    }
    const promptTokens = await estimatePromptTokens(messages, "gpt-4o-mini");
    const completionTokens = await countTextTokens(text, "gpt-4o-mini");
    expect(completionTokens).toBeGreaterThan(2);
    expect(usage).toMatchObject({
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
    });
    await settled(app, u.token);
    expect(await balance(app, u.token)).toBe(1000 - priced(promptTokens, completionTokens));
  });

  it("forwards chunks as they arrive (no buffering)", async () => {
    const u = await user(1000);
    up.setMode({ chunkCount: 4, chunkDelayMs: 300, reply: "one two three four" });
    const started = Date.now();
    const stream = await u.sdk.chat.completions.create({
      model: "test-chat",
      messages,
      stream: true,
    });
    const arrivals: number[] = [];
    for await (const chunk of stream)
      if (chunk.choices[0]?.delta?.content) arrivals.push(Date.now() - started);
    expect(arrivals).toHaveLength(4);
    expect(arrivals[0]).toBeLessThan(700);
    expect(arrivals[3] - arrivals[0]).toBeGreaterThan(600);
    await settled(app, u.token);
  });

  it("client disconnect mid-stream: upstream aborted, partial charge, no pending row", async () => {
    const u = await user(1000);
    up.setMode({
      chunkCount: 40,
      chunkDelayMs: 100,
      reply: Array.from({ length: 40 }, (_, i) => `word${i}`).join(" "),
    });
    const ac = new AbortController();
    const res = await fetch(`${app.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${u.token}`, "content-type": "application/json" },
      body: JSON.stringify({
        model: "test-chat",
        messages,
        stream: true,
        max_tokens: 1000,
        requestId: "abort-1",
      }),
      signal: ac.signal,
    });
    const reader = res.body!.getReader();
    let received = "";
    while ((received.match(/word/g) ?? []).length < 3)
      received += new TextDecoder().decode((await reader.read()).value);
    ac.abort();
    const txs = await settled(app, u.token);
    const tx = txs.find((t) => t.requestId === "abort-1")!;
    expect(tx.status).toBe("success");
    expect(tx.meta.aborted).toBe(true);
    const charged = -tx.delta;
    expect(charged).toBeGreaterThan(0);
    expect(charged).toBeLessThan(Number(tx.meta.held));
    expect(Number(tx.meta.tokensOut)).toBeLessThan(40);
    await expectLedgerMatches(app, u.token);
  });

  it("an upstream error before the stream starts is a JSON 502 and a refund", async () => {
    const u = await user(1000);
    for (let i = 0; i < 3; i++)
      up.enqueue({ status: 503, body: { error: { message: "overloaded" } } });
    const err = await u.sdk.chat.completions
      .create({ model: "test-chat", messages, stream: true })
      .catch((e) => e);
    expect(err.status).toBe(502);
    expect(err.error.provider).toBe("mockup");
    expect(await balance(app, u.token)).toBe(1000);
  });
});

describe("validation and errors", () => {
  const table: [string, unknown, number, string, string | null][] = [
    ["no model", { messages }, 400, "invalid_request", "model"],
    ["no messages", { model: "test-chat" }, 400, "invalid_request", "messages"],
    ["empty messages", { model: "test-chat", messages: [] }, 400, "invalid_request", "messages"],
    [
      "bad role",
      { model: "test-chat", messages: [{ role: "robot", content: "x" }] },
      400,
      "invalid_request",
      "messages.0.role",
    ],
    [
      "too many messages",
      { model: "test-chat", messages: Array(21).fill(messages[0]) },
      400,
      "invalid_request",
      "messages",
    ],
    [
      "bad max_tokens",
      { model: "test-chat", messages, max_tokens: -1 },
      400,
      "invalid_request",
      "max_tokens",
    ],
    ["unknown model", { model: "nope", messages }, 404, "model_not_found", "model"],
    [
      "wrong provider",
      { model: "test-chat", provider: "other", messages },
      404,
      "model_not_found",
      "model",
    ],
    [
      "context window",
      { model: "tiny-window", messages: [{ role: "user", content: "word ".repeat(200) }] },
      400,
      "invalid_request",
      "messages",
    ],
    [
      "bad requestId",
      { model: "test-chat", messages, requestId: "" },
      400,
      "invalid_request",
      "requestId",
    ],
  ];
  it.each(table)(
    "%s → %s %s on both paths, nothing charged",
    async (_name, body, status, code, param) => {
      const u = await user(100);
      for (const path of ["/v1/chat/completions", "/api/ai/chat/completions"]) {
        const res = await rawChat(path, u.token, body);
        expect(res.status, JSON.stringify(res.body)).toBe(status);
        expect(res.body.error).toMatchObject({ code, param });
        expect(res.body.error.requestId).toBe(res.headers.get("x-request-id"));
      }
      expect(await balance(app, u.token)).toBe(100);
    },
  );

  it("401 without a token, and malformed JSON is a 400", async () => {
    const res = await rawChat("/v1/chat/completions", "", { model: "test-chat", messages });
    expect(res.status).toBe(401);
    const u = await user(10);
    const bad = await fetch(`${app.url}/api/ai/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${u.token}`, "content-type": "application/json" },
      body: "{nope",
    });
    expect(bad.status).toBe(400);
  });

  it("/api/ai/chat/completions and /v1/chat/completions answer and charge alike", async () => {
    const u = await user(1000);
    const a = await rawChat("/api/ai/chat/completions", u.token, { model: "test-chat", messages });
    const afterA = await balance(app, u.token);
    const b = await rawChat("/v1/chat/completions", u.token, { model: "test-chat", messages });
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(Object.keys(a.body).sort()).toEqual(Object.keys(b.body).sort());
    expect(a.body.choices).toEqual(b.body.choices);
    expect(1000 - afterA).toBe(afterA - (await balance(app, u.token)));
  });
});

describe("concurrency", () => {
  it("200 concurrent calls against a balance that affords 20: exactly 20 succeed, balance 0, ledger = balance", async () => {
    const u = await user(100);
    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        api(app, u.token)("/v1/chat/completions", { body: { model: "flat-five", messages } }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses.filter((s) => s === 402)).toHaveLength(180);
    expect(await balance(app, u.token)).toBe(0);
    const txs = await expectLedgerMatches(app, u.token);
    expect(txs.filter((t) => t.reason === "chat" && t.status === "success")).toHaveLength(20);
  });
});

describe("credits API", () => {
  it("balance, cursor-paged transactions and admin grants (by id and by email)", async () => {
    const u = await user(0);
    expect((await api(app, u.token)("/api/credits/balance")).body).toEqual({
      credits: 0,
      recent: [],
    });
    for (let i = 1; i <= 5; i++) await grant(app, admin, u.id, i);
    const byEmail = await api(app, admin)("/api/credits/grant", {
      body: { email: u.email, delta: -3, reason: "correction" },
    });
    expect(byEmail.status).toBe(200);
    expect(byEmail.body.credits).toBe(12);
    expect(byEmail.body.transaction).toMatchObject({
      delta: -3,
      reason: "admin_grant",
      status: "success",
      meta: { note: "correction" },
    });
    const pages: { delta: number; id: string; createdAt: string }[][] = [];
    let cursor: string | null = null;
    do {
      const res = await api(
        app,
        u.token,
      )(`/api/credits/transactions?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      pages.push(res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 2]);
    const items = pages.flat();
    expect(new Set(items.map((t) => t.id)).size).toBe(6);
    expect(items.map((t) => t.delta).sort((a, b) => a - b)).toEqual([-3, 1, 2, 3, 4, 5]);
    for (let i = 1; i < items.length; i++)
      expect(items[i - 1].createdAt >= items[i].createdAt).toBe(true);
    const { body } = await api(app, u.token)("/api/credits/balance");
    expect(body.credits).toBe(12);
    expect(body.recent.map((t: { id: string }) => t.id)).toEqual(items.map((t) => t.id));
    expect(JSON.stringify(body)).not.toMatch(/userId|passwordHash/);
  });

  it("grant is admin only, validated, and cannot overdraw", async () => {
    const u = await user(5);
    expect(
      (
        await api(app, u.token)("/api/credits/grant", {
          body: { userId: u.id, delta: 5, reason: "x" },
        })
      ).status,
    ).toBe(403);
    for (const body of [
      { userId: u.id, delta: 1.5, reason: "x" },
      { userId: u.id, delta: 0, reason: "x" },
      { delta: 5, reason: "x" },
      { userId: u.id, delta: 5 },
    ]) {
      expect((await api(app, admin)("/api/credits/grant", { body })).status).toBe(400);
    }
    expect(
      (
        await api(app, admin)("/api/credits/grant", {
          body: { userId: "nobody", delta: 5, reason: "x" },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api(app, admin)("/api/credits/grant", {
          body: { userId: u.id, delta: -6, reason: "x" },
        })
      ).status,
    ).toBe(402);
    expect(await balance(app, u.token)).toBe(5);
  });

  it("transactions reject a bad cursor or limit", async () => {
    const u = await user(0);
    for (const q of ["limit=0", "limit=101", "cursor=garbage"]) {
      expect((await api(app, u.token)(`/api/credits/transactions?${q}`)).status).toBe(400);
    }
  });
});

describe("metrics and secrets", () => {
  it("GET /api/metrics: METRICS_TOKEN or admin; counts, latency and credits by labels", async () => {
    const u = await user(10);
    expect((await api(app)("/api/metrics")).status).toBe(401);
    expect((await api(app, u.token)("/api/metrics")).status).toBe(403);
    expect((await api(app, "wrong-token")("/api/metrics")).status).toBe(401);
    const res = await api(app, METRICS_TOKEN)("/api/metrics");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = String(res.body);
    expect(text).toMatch(
      /aigc_ai_requests_total\{operation="chat",model="test-chat",provider="mockup",status="success"\} \d+/,
    );
    expect(text).toMatch(
      /aigc_ai_requests_total\{operation="chat",model="test-chat",provider="mockup",status="upstream_error"\} \d+/,
    );
    expect(text).toMatch(
      /aigc_ai_request_duration_seconds_bucket\{le="0.5",operation="chat",model="test-chat",provider="mockup",status="success"\}/,
    );
    expect(text).toMatch(
      /aigc_credits_charged_total\{operation="chat",model="test-chat",provider="mockup"\} \d+/,
    );
    expect((await api(app, admin)("/api/metrics")).status).toBe(200);
  });

  it("the provider key never appears in any response or log line", () => {
    expect(seen.length).toBeGreaterThan(20);
    for (const body of seen) expect(body).not.toContain(PROVIDER_KEY);
    expect(app.logs()).toContain('"msg":"ai call"');
    expect(app.logs()).not.toContain(PROVIDER_KEY);
  });
});
