import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, type App, startApp } from "../helpers/app";
import { balance, createModel, createProvider, grant } from "../helpers/chat";
import { type MockUpstream, startMockUpstream } from "../mocks/openai-server";

// Rate limits on the chat gateway (contract §7): per user, per IP, per model rpm; 429 with
// Retry-After and X-RateLimit-*; every call counts before the model is even looked up. The test
// client plays a trusted reverse proxy (TRUSTED_PROXIES=loopback) to speak for many addresses.

let app: App;
let up: MockUpstream;
let admin: string;

beforeAll(async () => {
  up = await startMockUpstream();
  app = await startApp({
    SEED_DEMO: "0",
    SIGNUP_CREDITS: "0",
    RATE_LIMIT_USER_PER_MIN: "3",
    RATE_LIMIT_IP_PER_MIN: "5",
    TRUSTED_PROXIES: "loopback",
  });
  admin = await app.adminToken();
  const provider = await createProvider(app, admin, up.url);
  await createModel(app, admin, {
    slug: "open",
    providerId: provider.id,
    pricing: { chat: { fixedCreditsPerCall: 1 } },
  });
  await createModel(app, admin, {
    slug: "slow-lane",
    providerId: provider.id,
    pricing: { chat: { fixedCreditsPerCall: 1 } },
    rateLimit: { rpm: 2 },
  });
});
afterAll(async () => {
  await app?.stop();
  await up?.stop();
});

const messages = [{ role: "user", content: "hi" }];
let ipCounter = 1;
const freshIp = () => `10.0.0.${ipCounter++}`;

async function funded() {
  const u = await app.register();
  await grant(app, admin, u.id, 100);
  return u;
}

function call(token: string, ip: string, model = "open", path = "/v1/chat/completions") {
  return api(app, token)(path, { body: { model, messages }, headers: { "x-forwarded-for": ip } });
}

describe("rate limits", () => {
  it("per user: the 4th call in a minute is 429 with Retry-After and X-RateLimit-*, and is not charged", async () => {
    const u = await funded();
    const ip = freshIp();
    for (let i = 0; i < 3; i++) {
      const ok = await call(
        u.token,
        ip,
        "open",
        i % 2 ? "/api/ai/chat/completions" : "/v1/chat/completions",
      );
      expect(ok.status).toBe(200);
      expect(ok.headers.get("x-ratelimit-limit")).toBe("3");
      expect(ok.headers.get("x-ratelimit-remaining")).toBe(String(2 - i));
    }
    const res = await call(u.token, ip);
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe("rate_limited");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(res.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(res.headers.get("x-ratelimit-limit")).toBe("3");
    expect(res.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(Number(res.headers.get("x-ratelimit-reset"))).toBeGreaterThan(0);
    expect(res.body.error.requestId).toBe(res.headers.get("x-request-id"));
    expect(await balance(app, u.token)).toBe(97);
  });

  it("counts calls before the model lookup: unknown models use up the quota too", async () => {
    const u = await funded();
    const ip = freshIp();
    for (let i = 0; i < 3; i++) expect((await call(u.token, ip, "no-such-model")).status).toBe(404);
    expect((await call(u.token, ip, "open")).status).toBe(429);
  });

  it("per IP: many users behind one address share its limit", async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const u = await funded();
      statuses.push((await call(u.token, ip)).status, (await call(u.token, ip)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it("per model rpm: shared by every caller of the model", async () => {
    const results: number[] = [];
    for (let i = 0; i < 3; i++) {
      const u = await funded();
      results.push((await call(u.token, freshIp(), "slow-lane")).status);
    }
    expect(results).toEqual([200, 200, 429]);
    const u = await funded();
    expect((await call(u.token, freshIp(), "open")).status).toBe(200);
  });
});
