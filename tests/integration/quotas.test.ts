import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, type App, startApp } from "../helpers/app";
import { createModel, createProvider, expectLedgerMatches, grant } from "../helpers/chat";
import { sqlQuery } from "../helpers/db";
import { createImageModel } from "../helpers/images";
import { nextMidnight, setClock } from "../helpers/keys";
import { type MockUpstream, startMockUpstream } from "../mocks/openai-server";

// Daily quotas per feature, set by the operator as data (plans + per-user overrides), counted
// from the ledger, enforced inside the hold, shown to the user, reset at 00:00 (APP_TIMEZONE).

const NOON = "2031-05-20T04:00:00.000Z"; // 12:00 in Asia/Shanghai

let app: App;
let up: MockUpstream;
let admin: string;

beforeAll(async () => {
  up = await startMockUpstream();
  app = await startApp({
    SEED_DEMO: "0",
    SIGNUP_CREDITS: "0",
    TEST_CLOCK: "1",
    RATE_LIMIT_USER_PER_MIN: "100000",
    RATE_LIMIT_IP_PER_MIN: "100000",
  });
  admin = await app.adminToken();
  const provider = await createProvider(app, admin, up.url);
  await createModel(app, admin, {
    slug: "flat",
    providerId: provider.id,
    pricing: { chat: { fixedCreditsPerCall: 1 } },
  });
  await createImageModel(app, up.url, "img");
  await setClock(app, NOON);
  await settings({
    quotaPlans: {
      default: { chat: 3, "image.generate": 4 },
      pro: { chat: 10 },
    },
  });
});
afterAll(async () => {
  await app?.stop();
  await up?.stop();
});

async function settings(body: Record<string, unknown>) {
  const res = await api(app, admin)("/api/admin/settings", { method: "PATCH", body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.item;
}

async function funded() {
  const u = await app.register();
  await grant(app, admin, u.id, 1000);
  return u;
}

const messages = [{ role: "user" as const, content: "hi" }];
const chat = (token: string) =>
  api(app, token)("/v1/chat/completions", { body: { model: "flat", messages } });
const image = (token: string, n: number) =>
  api(app, token)("/v1/images/generations", { body: { model: "img", prompt: "a cat", n } });
async function quota(token: string, op: string) {
  const res = await api(app, token)("/api/me/quotas");
  expect(res.status).toBe(200);
  return {
    ...res.body.items.find((i: { operation: string }) => i.operation === op),
    all: res.body,
  };
}

describe("daily quotas", () => {
  it("chat: the 4th call of the day is 429 quota_exceeded with the reset time; nothing held", async () => {
    const u = await funded();
    for (let i = 0; i < 3; i++) expect((await chat(u.token)).status).toBe(200);
    const refused = await chat(u.token);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("quota_exceeded");
    expect(refused.body.error.message).toContain("今日「对话」额度已用完（3/3 次）");
    expect(refused.body.error.message).toContain("2031-05-21 00:00");
    expect(refused.headers.get("x-quota-reset")).toBe(nextMidnight(NOON));
    expect(refused.headers.get("x-should-retry")).toBe("false");
    const q = await quota(u.token, "chat");
    expect(q).toMatchObject({ limit: 3, used: 3, remaining: 0, label: "对话", unit: "次" });
    expect(q.all.resetsAt).toBe(nextMidnight(NOON));
    const txs = await expectLedgerMatches(app, u.token);
    expect(txs.filter((t) => t.reason === "chat")).toHaveLength(3);
  });

  it("the official SDK raises a RateLimitError and does not retry it", async () => {
    const u = await funded();
    for (let i = 0; i < 3; i++) await chat(u.token);
    up.reset();
    const sdk = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: u.token, maxRetries: 2 });
    const err = await sdk.chat.completions.create({ model: "flat", messages }).catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect(err.code).toBe("quota_exceeded");
    expect(up.requests).toHaveLength(0);
    // One refused call reached the app: the SDK did not retry (x-should-retry: false).
    const refused = await sqlQuery(
      app.databaseUrl,
      `select id from ai_usage where "userId" = ? and status = 'quota_exceeded'`,
      [u.id],
    );
    expect(refused).toHaveLength(1);
  });

  it("images count the images: n is held against the quota, the delivered ones are kept", async () => {
    const u = await funded();
    expect((await image(u.token, 3)).status).toBe(200);
    const tooMany = await image(u.token, 2);
    expect(tooMany.status).toBe(429);
    expect(tooMany.body.error.message).toContain("剩余 1 张，本次需要 2 张");
    // The provider returns 1 of the 1 asked for: the quota is then used up.
    expect((await image(u.token, 1)).status).toBe(200);
    expect(await quota(u.token, "image.generate")).toMatchObject({ used: 4, remaining: 0 });
  });

  it("a provider returning fewer images than asked counts only those", async () => {
    const u = await funded();
    const one = (await image(u.token, 1)).body;
    expect(one.data).toHaveLength(1);
    up.enqueue({
      status: 200,
      body: { created: 1, data: [{ b64_json: await tinyPng() }] },
      path: "/v1/images/generations",
    });
    expect((await image(u.token, 3)).status).toBe(200);
    expect(await quota(u.token, "image.generate")).toMatchObject({ used: 2, remaining: 2 });
  });

  it("a refunded call does not count", async () => {
    const u = await funded();
    for (let i = 0; i < 3; i++) up.enqueue({ status: 500, body: { error: { message: "down" } } });
    expect((await chat(u.token)).status).toBe(502);
    expect(await quota(u.token, "chat")).toMatchObject({ used: 0, remaining: 3 });
  });

  it("40 concurrent calls against a quota of 10 (plan pro): exactly 10 succeed", async () => {
    const u = await funded();
    const res = await api(app, admin)(`/api/admin/users/${u.id}`, {
      method: "PATCH",
      body: { plan: "pro" },
    });
    expect(res.status).toBe(200);
    const statuses = await Promise.all(Array.from({ length: 40 }, () => chat(u.token)));
    expect(statuses.filter((r) => r.status === 200)).toHaveLength(10);
    expect(statuses.filter((r) => r.status === 429)).toHaveLength(30);
    expect(await quota(u.token, "chat")).toMatchObject({ limit: 10, used: 10 });
    await expectLedgerMatches(app, u.token);
  });

  it("per-user overrides: a number replaces the plan, null lifts the limit", async () => {
    const u = await funded();
    const patch = (quotaOverrides: Record<string, number | null>) =>
      api(app, admin)(`/api/admin/users/${u.id}`, { method: "PATCH", body: { quotaOverrides } });
    expect((await patch({ chat: 1 })).status).toBe(200);
    expect((await chat(u.token)).status).toBe(200);
    expect((await chat(u.token)).status).toBe(429);
    expect((await patch({ chat: null })).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await chat(u.token)).status).toBe(200);
    expect(await quota(u.token, "chat")).toMatchObject({ limit: null, used: 5, remaining: null });
    const bad = await patch({ "no.such.op": 3 });
    expect(bad.status).toBe(400);
    const badPlan = await api(app, admin)(`/api/admin/users/${u.id}`, {
      method: "PATCH",
      body: { plan: "gold" },
    });
    expect(badPlan.status).toBe(400);
  });

  it("resets at 00:00 in the configured time zone (controllable clock)", async () => {
    const u = await funded();
    for (let i = 0; i < 3; i++) await chat(u.token);
    expect((await chat(u.token)).status).toBe(429);
    const midnight = nextMidnight(NOON);
    await setClock(app, new Date(Date.parse(midnight) - 5000).toISOString());
    try {
      expect((await chat(u.token)).status).toBe(429);
      await setClock(app, new Date(Date.parse(midnight) + 1000).toISOString());
      expect((await chat(u.token)).status).toBe(200);
      expect(await quota(u.token, "chat")).toMatchObject({ used: 1, remaining: 2 });
    } finally {
      await setClock(app, NOON);
    }
  });
});

describe("operator settings", () => {
  it("are validated, audited, and live for the next request", async () => {
    for (const body of [
      { quotaPlans: { pro: {} } },
      { quotaPlans: { default: { "no.such.op": 1 } } },
      { quotaPlans: { default: {}, "Bad Name": {} } },
      { signupBonus: -1 },
      { announcement: "x".repeat(501) },
      { unknownField: 1 },
    ]) {
      const res = await api(app, admin)("/api/admin/settings", { method: "PATCH", body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const user = await app.register();
    const forbidden = await api(app, user.token)("/api/admin/settings", {
      method: "PATCH",
      body: { signupBonus: 1 },
    });
    expect(forbidden.status).toBe(403);

    await settings({
      signupBonus: 42,
      operatorContact: "微信 aigc-ops",
      announcement: "今晚 23:00 维护",
    });
    const fresh = await app.register();
    const bal = await api(app, fresh.token)("/api/credits/balance");
    expect(bal.body.credits).toBe(42);
    const pub = await api(app)("/api/settings/public");
    expect(pub.body).toEqual({ announcement: "今晚 23:00 维护", operatorContact: "微信 aigc-ops" });
    // Whoever runs out of credits is told whom to ask.
    const broke = await app.register(); // 42 credits, then spend them
    await api(app, admin)("/api/credits/grant", {
      body: { userId: broke.id, delta: -42, reason: "test" },
    });
    const short = await chat(broke.token);
    expect(short.status).toBe(402);
    expect(short.body.error.message).toContain("微信 aigc-ops");

    const audit = await api(app, admin)("/api/admin/audit?limit=100");
    const entry = audit.body.items.find((a: { action: string }) => a.action === "settings.update");
    expect(entry.diff.after).toMatchObject({ signupBonus: 42, operatorContact: "微信 aigc-ops" });
    expect(entry.actorEmail).toBe("admin@test.local");
  });
});

async function tinyPng(): Promise<string> {
  const sharp = (await import("sharp")).default;
  const png = await sharp({
    create: { width: 8, height: 8, channels: 3, background: { r: 1, g: 2, b: 3 } },
  })
    .png()
    .toBuffer();
  return png.toString("base64");
}
