import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, startApp } from "../helpers/app";
import {
  balance,
  createModel,
  createProvider,
  expectLedgerMatches,
  grant,
  PROVIDER_KEY,
  settled,
} from "../helpers/chat";
import { createKey } from "../helpers/keys";
import { type MockUpstream, startMockUpstream } from "../mocks/openai-server";

// Holds people can afford (issue 17), through the official SDK: a chat request that names no
// max_tokens is held for the largest output budget the balance covers, that budget goes upstream
// as max_tokens and comes back in x-aigc-max-tokens; only a balance below the model's minimum is
// a 402. A request that names max_tokens is held for all of it, as before.

// One credit per output token, nothing for input, at least 3 per call: hold(n) = max(n, 3).
const PRICING = {
  chat: { perKTokens: { input: 0, output: 1000 }, minCredits: 3 },
  rounding: "ceil",
};

let app: App;
let up: MockUpstream;
let admin: string;

beforeAll(async () => {
  up = await startMockUpstream({ apiKey: PROVIDER_KEY });
  app = await startApp({
    SEED_DEMO: "0",
    SIGNUP_CREDITS: "0",
    RATE_LIMIT_USER_PER_MIN: "100000",
    RATE_LIMIT_IP_PER_MIN: "100000",
  });
  admin = await app.adminToken();
  const provider = await createProvider(app, admin, up.url);
  await createModel(app, admin, {
    slug: "per-token",
    providerId: provider.id,
    upstreamModel: "gpt-4o-mini",
    contextWindow: 8192,
    pricing: PRICING,
  });
  await createModel(app, admin, {
    slug: "reasoner",
    providerId: provider.id,
    upstreamModel: "o3-mini",
    contextWindow: 8192,
    pricing: PRICING,
  });
});
afterAll(async () => {
  await app?.stop();
  await up?.stop();
});

const messages = [{ role: "user" as const, content: "hi" }];

async function user(credits: number) {
  const u = await app.register();
  if (credits) await grant(app, admin, u.id, credits);
  const sdk = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: u.token, maxRetries: 0 });
  return { ...u, sdk };
}

/** The upstream request of the last call (what the provider was asked to do). */
const lastSent = () =>
  up.requests.filter((r) => r.path === "/v1/chat/completions").at(-1)! as {
    body: Record<string, unknown>;
  };

describe("a chat without max_tokens is held for what the balance covers", () => {
  it("balance above the minimum: capped to the balance, said in the header, sent upstream, charged for use", async () => {
    const u = await user(10);
    const { data, response } = await u.sdk.chat.completions
      .create({ model: "per-token", messages })
      .withResponse();
    expect(data.choices[0].message.content).toBe("mock upstream reply");
    expect(response.headers.get("x-aigc-max-tokens")).toBe("10");
    expect(lastSent().body.max_tokens).toBe(10);
    // The mock answers with 5 completion tokens: 5 credits, not the 10 held.
    expect(data.usage?.completion_tokens).toBe(5);
    expect(await balance(app, u.token)).toBe(5);
    const txs = await expectLedgerMatches(app, u.token);
    const chat = txs.find((t) => t.reason === "chat")!;
    expect(chat).toMatchObject({ status: "success", delta: -5 });
    expect(chat.meta).toMatchObject({ held: 10, charged: 5 });
  });

  it("balance exactly the minimum: answered, capped at the minimum's budget", async () => {
    const u = await user(3);
    const { data, response } = await u.sdk.chat.completions
      .create({ model: "per-token", messages })
      .withResponse();
    expect(data.object).toBe("chat.completion");
    expect(response.headers.get("x-aigc-max-tokens")).toBe("3");
    expect(lastSent().body.max_tokens).toBe(3);
    // Never more than was held, even though the provider reported 5 tokens.
    expect(await balance(app, u.token)).toBe(0);
    await expectLedgerMatches(app, u.token);
  });

  it("balance below the minimum: 402 saying how much is missing; balance unchanged, provider not called", async () => {
    const u = await user(2);
    const before = up.requests.length;
    const err = await u.sdk.chat.completions
      .create({ model: "per-token", messages })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    const e = err as InstanceType<typeof OpenAI.APIError>;
    expect(e.status).toBe(402);
    expect(e.code).toBe("insufficient_credits");
    expect(e.message).toContain("还差 1 积分");
    expect(up.requests.length).toBe(before);
    expect(await balance(app, u.token)).toBe(2);
    await expectLedgerMatches(app, u.token);
  });

  it("an explicit max_tokens still holds the full price: 402 although a smaller answer fits", async () => {
    const u = await user(10);
    const before = up.requests.length;
    const err = await u.sdk.chat.completions
      .create({ model: "per-token", messages, max_tokens: 50 })
      .catch((e: unknown) => e);
    expect((err as { status?: number }).status).toBe(402);
    expect(up.requests.length).toBe(before);
    expect(await balance(app, u.token)).toBe(10);

    const rich = await user(100);
    const { response } = await rich.sdk.chat.completions
      .create({ model: "per-token", messages, max_tokens: 50 })
      .withResponse();
    expect(response.headers.get("x-aigc-max-tokens")).toBeNull();
    expect(lastSent().body.max_tokens).toBe(50);
    const chat = (await expectLedgerMatches(app, rich.token)).find((t) => t.reason === "chat")!;
    expect(chat.meta).toMatchObject({ held: 50, charged: 5 });
  });

  it("a balance that covers the default budget is not capped and sends no limit", async () => {
    const u = await user(5000);
    const { response } = await u.sdk.chat.completions
      .create({ model: "per-token", messages })
      .withResponse();
    expect(response.headers.get("x-aigc-max-tokens")).toBeNull();
    expect(lastSent().body.max_tokens).toBeUndefined();
    expect(await balance(app, u.token)).toBe(4995);
  });

  it("streams: the header arrives with the stream and the stream settles within the cap", async () => {
    const u = await user(8);
    const { data: stream, response } = await u.sdk.chat.completions
      .create({
        model: "per-token",
        messages,
        stream: true,
        stream_options: { include_usage: true },
      })
      .withResponse();
    expect(response.headers.get("x-aigc-max-tokens")).toBe("8");
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
    expect(text.trim()).toBe("mock upstream reply");
    expect(lastSent().body.max_tokens).toBe(8);
    await settled(app, u.token);
    expect(await balance(app, u.token)).toBe(3);
    await expectLedgerMatches(app, u.token);
  });

  it("reasoning models get the cap as max_completion_tokens", async () => {
    const u = await user(7);
    await u.sdk.chat.completions.create({ model: "reasoner", messages });
    expect(lastSent().body.max_completion_tokens).toBe(7);
    expect(lastSent().body.max_tokens).toBeUndefined();
  });

  it("the Responses API is sized the same way", async () => {
    const u = await user(9);
    const { data, response } = await u.sdk.responses
      .create({ model: "per-token", input: "hi", store: false })
      .withResponse();
    expect(data.status).toBe("completed");
    expect(response.headers.get("x-aigc-max-tokens")).toBe("9");
    expect(lastSent().body.max_tokens).toBe(9);
    expect(await balance(app, u.token)).toBe(4);
  });

  it("a personal key's credit limit caps the budget like the balance does", async () => {
    const u = await user(1000);
    const { key } = await createKey(app, u.token, { creditLimit: 6, limitReset: "none" });
    const sdk = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: key, maxRetries: 0 });
    const { response } = await sdk.chat.completions
      .create({ model: "per-token", messages })
      .withResponse();
    expect(response.headers.get("x-aigc-max-tokens")).toBe("6");
    expect(lastSent().body.max_tokens).toBe(6);
    // 5 of the key's 6 spent: 1 left is below the minimum of 3, so the key's own limit answers.
    const err = await sdk.chat.completions
      .create({ model: "per-token", messages })
      .catch((e: unknown) => e);
    expect((err as { status?: number }).status).toBe(429);
    expect((err as { code?: string }).code).toBe("quota_exceeded");
    expect(await balance(app, u.token)).toBe(995);
  });

  it("racing calls: each is sized to what is free, the balance never goes below zero, the ledger adds up", async () => {
    const u = await user(20);
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        u.sdk.chat.completions
          .create({ model: "per-token", messages })
          .withResponse()
          .then(
            (r) => ({ ok: true as const, cap: r.response.headers.get("x-aigc-max-tokens") }),
            (e: { status?: number }) => ({ ok: false as const, status: e.status }),
          ),
      ),
    );
    // Refusals are only 402s (not even the minimum of 3 was left when they held).
    for (const r of results) if (!r.ok) expect(r.status).toBe(402);
    // A balance-sized hold takes what is free when it is taken: a call that finds the rest held by
    // calls still running is refused (as a named max_tokens would be), never overdrawn.
    const ok = results.filter((r) => r.ok).length;
    expect(ok).toBeGreaterThanOrEqual(1);
    const txs = await expectLedgerMatches(app, u.token);
    const final = await balance(app, u.token);
    expect(final).toBeGreaterThanOrEqual(0);
    const charged = txs.filter((t) => t.reason === "chat" && t.status === "success");
    expect(charged).toHaveLength(ok);
    expect(20 - final).toBe(charged.reduce((n, t) => n - t.delta, 0));
    // Once they have settled, what is left pays for the next answer again.
    if (final >= 3) {
      const next = await u.sdk.chat.completions.create({ model: "per-token", messages });
      expect(next.object).toBe("chat.completion");
    }
  });
});
