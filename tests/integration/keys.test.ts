import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, type App, startApp } from "../helpers/app";
import {
  balance,
  createModel,
  createProvider,
  expectLedgerMatches,
  grant,
  PROVIDER_KEY,
} from "../helpers/chat";
import { sqlQuery } from "../helpers/db";
import { createKey, listKeys, nextMidnight, setClock } from "../helpers/keys";
import { type MockUpstream, startMockUpstream } from "../mocks/openai-server";

// Personal API keys as a user meets them: the official openai SDK with the key as `apiKey`,
// a real upstream behind the gateway, limits checked through the API and the ledger.

const NOON = "2031-03-10T04:00:00.000Z"; // 12:00 in Asia/Shanghai (the default APP_TIMEZONE)
const fullKeys: string[] = []; // every key shown once; none may appear anywhere else
const seen: string[] = []; // every error body, scanned for key material at the end

let app: App;
let up: MockUpstream;
let admin: string;

beforeAll(async () => {
  up = await startMockUpstream({ apiKey: PROVIDER_KEY });
  app = await startApp({
    SEED_DEMO: "0",
    SIGNUP_CREDITS: "0",
    TEST_CLOCK: "1",
    // The test client plays a trusted reverse proxy to speak for many client addresses.
    TRUSTED_PROXIES: "loopback",
    RATE_LIMIT_USER_PER_MIN: "100000",
    RATE_LIMIT_IP_PER_MIN: "100000",
  });
  admin = await app.adminToken();
  const provider = await createProvider(app, admin, up.url);
  for (const slug of ["flat-five", "other-five"])
    await createModel(app, admin, {
      slug,
      providerId: provider.id,
      pricing: { chat: { fixedCreditsPerCall: 5 } },
    });
  // Held as 1 + 100 output tokens × 200/1K = 21, charged from the usage the upstream reports.
  await createModel(app, admin, {
    slug: "metered",
    providerId: provider.id,
    pricing: { chat: { fixedCreditsPerCall: 1, perKTokens: { input: 0, output: 200 } } },
  });
  await setClock(app, NOON);
});
afterAll(async () => {
  await app?.stop();
  await up?.stop();
});

async function funded(credits = 1000) {
  const u = await app.register();
  await grant(app, admin, u.id, credits);
  return u;
}

async function newKey(token: string, body: Record<string, unknown> = {}) {
  const created = await createKey(app, token, body);
  fullKeys.push(created.key);
  return created;
}

const sdk = (apiKey: string, maxRetries = 0) =>
  new OpenAI({ baseURL: `${app.url}/v1`, apiKey, maxRetries });
const messages = [{ role: "user" as const, content: "hello" }];

async function chatStatus(apiKey: string, model = "flat-five", path = "/v1/chat/completions") {
  const res = await api(app, apiKey)(path, { body: { model, messages } });
  if (res.status !== 200) seen.push(JSON.stringify(res.body));
  return res;
}

describe("creating a key", () => {
  it("shows the full key once; lists only its display form", async () => {
    const u = await funded();
    const { item, key } = await newKey(u.token, { name: "Cursor", allowedModels: ["flat-five"] });
    expect(key).toMatch(/^sk-[A-Za-z0-9]{40}$/);
    expect(item).toMatchObject({
      name: "Cursor",
      display: `${key.slice(0, 7)}…${key.slice(-4)}`,
      allowedModels: ["flat-five"],
      status: "active",
      lastUsedAt: null,
    });
    const list = await api(app, u.token)("/api/keys");
    expect(JSON.stringify(list.body)).not.toContain(key.slice(7, -4));
    expect(list.body.items).toHaveLength(1);
  });

  it.each([
    [{ name: "" }, "name"],
    [{ name: "x", allowedModels: ["no-such-model"] }, "allowedModels"],
    [{ name: "x", creditLimit: 0 }, "creditLimit"],
    [{ name: "x", creditLimit: 1.5 }, "creditLimit"],
    [{ name: "x", limitReset: "hourly" }, "limitReset"],
    [{ name: "x", rpm: -1 }, "rpm"],
    [{ name: "x", expiresAt: "tomorrow" }, "expiresAt"],
    [{ name: "x", expiresAt: "2020-01-01T00:00:00Z" }, "expiresAt"],
    [{ name: "x", owner: "someone" }, null],
  ])("400 on %j", async (body, param) => {
    const u = await app.register();
    const res = await api(app, u.token)("/api/keys", { body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    if (param) expect(res.body.error.param).toBe(param);
    expect(await listKeys(app, u.token)).toEqual([]);
  });

  it("someone else's key is a 404 to change or revoke", async () => {
    const owner = await app.register();
    const other = await app.register();
    const { item } = await newKey(owner.token);
    expect((await api(app, other.token)(`/api/keys/${item.id}`, { method: "DELETE" })).status).toBe(
      404,
    );
    const patch = await api(app, other.token)(`/api/keys/${item.id}`, {
      method: "PATCH",
      body: { enabled: false },
    });
    expect(patch.status).toBe(404);
    expect((await listKeys(app, owner.token))[0].status).toBe("active");
  });
});

describe("a key on /v1 with the official SDK", () => {
  it("works for its models, is 403 for others, and lists only its models", async () => {
    const u = await funded();
    const { key } = await newKey(u.token, { allowedModels: ["flat-five"] });
    const openai = sdk(key);
    const answer = await openai.chat.completions.create({ model: "flat-five", messages });
    expect(answer.choices[0].message.content).toBe("mock upstream reply");
    const err = await openai.chat.completions
      .create({ model: "other-five", messages })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect((err as InstanceType<typeof OpenAI.APIError>).code).toBe("forbidden");
    const models = await openai.models.list();
    expect(models.data.map((m) => m.id)).toEqual(["flat-five"]);
    // The same key on the /api/ai twin.
    expect((await chatStatus(key, "flat-five", "/api/ai/chat/completions")).status).toBe(200);
    expect(await balance(app, u.token)).toBe(1000 - 10);
  });

  it("an empty model list allows every model", async () => {
    const u = await funded();
    const { key } = await newKey(u.token);
    for (const model of ["flat-five", "other-five"])
      expect((await chatStatus(key, model)).status).toBe(200);
  });

  it("is refused on account, key and admin routes", async () => {
    const u = await funded();
    const { key } = await newKey(u.token);
    const adminKey = (await newKey(admin)).key;
    for (const [path, init, k] of [
      ["/api/credits/balance", {}, key],
      ["/api/keys", {}, key],
      ["/api/keys", { body: { name: "from a key" } }, key],
      ["/api/me/quotas", {}, key],
      ["/api/account/sign-out-everywhere", { body: {} }, key],
      ["/api/admin/users", {}, adminKey],
      ["/api/admin/settings", {}, adminKey],
      ["/api/credits/grant", { body: { userId: u.id, delta: 5, reason: "x" } }, adminKey],
    ] as const) {
      const res = await api(app, k)(path, init);
      seen.push(JSON.stringify(res.body));
      expect(res.status, path).toBe(401);
      expect(res.body.error.message).toContain("/v1");
    }
    expect(await listKeys(app, u.token)).toHaveLength(1);
    expect(await balance(app, u.token)).toBe(1000);
  });

  it("GET /v1/models: 401 for a present but invalid credential, 200 with none", async () => {
    for (const bad of ["sk-nope", `sk-${"A".repeat(40)}`, "not-a-token", "Basic abc"]) {
      const headers = { authorization: bad.startsWith("Basic") ? bad : `Bearer ${bad}` };
      const res = await fetch(`${app.url}/v1/models`, { headers });
      expect(res.status, bad).toBe(401);
      const body = await res.json();
      expect(body.error.code).toBe("unauthorized");
    }
    const err = await sdk(`sk-${"B".repeat(40)}`)
      .models.list()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((await fetch(`${app.url}/v1/models`)).status).toBe(200);
  });

  it("records last used at and from", async () => {
    const u = await funded();
    const { key, item } = await newKey(u.token);
    const res = await api(app, key)("/v1/chat/completions", {
      body: { model: "flat-five", messages },
      headers: { "x-forwarded-for": "203.0.113.9" },
    });
    expect(res.status).toBe(200);
    // Written without delaying the call; it lands right after.
    await expect
      .poll(async () => (await listKeys(app, u.token)).find((k) => k.id === item.id)?.lastUsedIp)
      .toBe("203.0.113.9");
    const seenKey = (await listKeys(app, u.token)).find((k) => k.id === item.id)!;
    expect(Date.parse(seenKey.lastUsedAt!)).toBeGreaterThanOrEqual(Date.parse(NOON));
  });

  it("rpm: the key's own per-minute limit", async () => {
    const u = await funded();
    const { key } = await newKey(u.token, { rpm: 2 });
    expect((await chatStatus(key)).status).toBe(200);
    expect((await chatStatus(key)).status).toBe(200);
    const third = await chatStatus(key);
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe("rate_limited");
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
    // A login token of the same user is not held back by the key's limit.
    expect((await chatStatus(u.token)).status).toBe(200);
  });
});

describe("the key's credit limit", () => {
  it("100 concurrent calls against a 100-credit daily limit: exactly 20 succeed", async () => {
    const u = await funded(10_000);
    const { key, item } = await newKey(u.token, { creditLimit: 100, limitReset: "daily" });
    const openai = sdk(key, 2); // SDK retries on: a limit answer must tell it not to retry
    up.reset();
    const results = await Promise.all(
      Array.from({ length: 100 }, () =>
        openai.chat.completions.create({ model: "flat-five", messages }).then(
          () => 200,
          (e: InstanceType<typeof OpenAI.APIError>) => {
            seen.push(JSON.stringify(e.error ?? e.message));
            return e.status;
          },
        ),
      ),
    );
    expect(results.filter((s) => s === 200)).toHaveLength(20);
    expect(results.filter((s) => s === 429)).toHaveLength(80);
    expect(await balance(app, u.token)).toBe(10_000 - 100);
    expect((await listKeys(app, u.token)).find((k) => k.id === item.id)).toMatchObject({
      spent: 100,
      resetsAt: nextMidnight(NOON),
    });
    await expectLedgerMatches(app, u.token);
    // Only the 20 that fit reached the upstream.
    expect(up.requests.filter((r) => r.path === "/v1/chat/completions")).toHaveLength(20);
  });

  it("says when it resets, then works again after midnight (controllable clock)", async () => {
    const u = await funded();
    const { key, item } = await newKey(u.token, { creditLimit: 10, limitReset: "daily" });
    const openai = sdk(key);
    await openai.chat.completions.create({ model: "flat-five", messages });
    await openai.chat.completions.create({ model: "flat-five", messages });
    const { data, response } = await openai.chat.completions
      .create({ model: "flat-five", messages })
      .withResponse()
      .then(
        () => ({ data: null, response: null }),
        (e: InstanceType<typeof OpenAI.APIError>) => ({ data: e, response: e.headers }),
      );
    expect(data).toBeInstanceOf(OpenAI.RateLimitError);
    expect(data!.code).toBe("quota_exceeded");
    const reset = nextMidnight(NOON);
    expect(response!.get("x-quota-reset")).toBe(reset);
    expect(response!.get("x-should-retry")).toBe("false");
    expect(Number(response!.get("retry-after"))).toBeGreaterThan(3600);
    expect(data!.message).toContain("2031-03-11 00:00");
    seen.push(data!.message);

    await setClock(app, new Date(Date.parse(reset) + 1000).toISOString());
    try {
      await openai.chat.completions.create({ model: "flat-five", messages });
      const after = (await listKeys(app, u.token)).find((k) => k.id === item.id)!;
      expect(after.spent).toBe(5);
      expect(after.resetsAt).toBe(nextMidnight(reset));
    } finally {
      await setClock(app, NOON);
    }
  });

  it("a limit that never resets stays reached; raising it lets the key work again", async () => {
    const u = await funded();
    const { key, item } = await newKey(u.token, { creditLimit: 5 });
    expect((await chatStatus(key)).status).toBe(200);
    const refused = await chatStatus(key);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("x-quota-reset")).toBeNull();
    const raised = await api(app, u.token)(`/api/keys/${item.id}`, {
      method: "PATCH",
      body: { creditLimit: 10 },
    });
    expect(raised.status).toBe(200);
    expect(raised.body.item).toMatchObject({ creditLimit: 10, spent: 5 });
    expect((await chatStatus(key)).status).toBe(200);
  });

  it("is held and settled with the call: the spend is what was charged, not what was held", async () => {
    const u = await funded();
    const { key, item } = await newKey(u.token, { creditLimit: 22, limitReset: "monthly" });
    const res = await api(app, key)("/v1/chat/completions", {
      body: { model: "metered", messages, max_tokens: 100 },
    });
    expect(res.status).toBe(200);
    const charged = 1000 - (await balance(app, u.token));
    expect(charged).toBeGreaterThan(0);
    expect(charged).toBeLessThan(21);
    expect((await listKeys(app, u.token)).find((k) => k.id === item.id)!.spent).toBe(charged);
    // Another call needs a hold of 21, which no longer fits under 22 − spent.
    const refused = await api(app, key)("/v1/chat/completions", {
      body: { model: "metered", messages, max_tokens: 100 },
    });
    expect(refused.status).toBe(429);
    // A failed call gives its hold back to the key too.
    up.enqueue({ status: 500, body: { error: { message: "boom" } } });
    up.enqueue({ status: 500, body: { error: { message: "boom" } } });
    up.enqueue({ status: 500, body: { error: { message: "boom" } } });
    const failed = await api(app, key)("/v1/chat/completions", {
      body: { model: "flat-five", messages },
    });
    expect(failed.status).toBe(502);
    expect((await listKeys(app, u.token)).find((k) => k.id === item.id)!.spent).toBe(charged);
    await expectLedgerMatches(app, u.token);
  });
  it.each([
    ["with", { chat: 1000 }],
    ["without", null],
  ])(
    "holds and settles racing on one key, %s a quota, all finish (no lock-order deadlock)",
    async (_label, overrides) => {
      const u = await funded(100_000);
      if (overrides) {
        const res = await api(app, admin)(`/api/admin/users/${u.id}`, {
          method: "PATCH",
          body: { quotaOverrides: overrides },
        });
        expect(res.status).toBe(200);
      }
      const { key, item } = await newKey(u.token, { creditLimit: 100_000, limitReset: "daily" });
      // Each call holds 21 and settles for less, so settles write the user and the key while
      // other calls' holds do the same.
      const results = await Promise.all(
        Array.from({ length: 60 }, () =>
          api(app, key)("/v1/chat/completions", {
            body: { model: "metered", messages, max_tokens: 100 },
          }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(60).fill(200));
      const charged = 100_000 - (await balance(app, u.token));
      expect((await listKeys(app, u.token)).find((k) => k.id === item.id)!.spent).toBe(charged);
      await expectLedgerMatches(app, u.token);
    },
  );
});

describe("keys that stop working", () => {
  it("a revoked key is refused on the next call", async () => {
    const u = await funded();
    const { key, item } = await newKey(u.token);
    const openai = sdk(key);
    await openai.chat.completions.create({ model: "flat-five", messages });
    const revoke = await api(app, u.token)(`/api/keys/${item.id}`, { method: "DELETE" });
    expect(revoke.status).toBe(200);
    expect(revoke.body.item.status).toBe("revoked");
    const err = await openai.chat.completions
      .create({ model: "flat-five", messages })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((err as Error).message).toContain("已撤销");
    // Revoked is final.
    const revive = await api(app, u.token)(`/api/keys/${item.id}`, {
      method: "PATCH",
      body: { enabled: true },
    });
    expect(revive.status).toBe(400);
    expect((await chatStatus(key)).status).toBe(401);
  });

  it("a disabled key is refused until enabled again", async () => {
    const u = await funded();
    const { key, item } = await newKey(u.token);
    const off = await api(app, u.token)(`/api/keys/${item.id}`, {
      method: "PATCH",
      body: { enabled: false },
    });
    expect(off.body.item.status).toBe("disabled");
    const refused = await chatStatus(key);
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toContain("已停用");
    await api(app, u.token)(`/api/keys/${item.id}`, { method: "PATCH", body: { enabled: true } });
    expect((await chatStatus(key)).status).toBe(200);
  });

  it("an expired key is refused (by the app clock)", async () => {
    const u = await funded();
    const expiresAt = new Date(Date.parse(NOON) + 3600_000).toISOString();
    const { key } = await newKey(u.token, { expiresAt });
    expect((await chatStatus(key)).status).toBe(200);
    await setClock(app, new Date(Date.parse(NOON) + 2 * 3600_000).toISOString());
    try {
      const res = await chatStatus(key);
      expect(res.status).toBe(401);
      expect(res.body.error.message).toContain("已过期");
    } finally {
      await setClock(app, NOON);
    }
  });
});

describe("key material", () => {
  it("never appears in the server log, the audit log, the database or any error", async () => {
    expect(fullKeys.length).toBeGreaterThan(10);
    const rows = await sqlQuery<Record<string, unknown>>(
      app.databaseUrl,
      "select * from audit_logs",
    );
    const auditText = JSON.stringify(rows);
    const keyRows = JSON.stringify(await sqlQuery(app.databaseUrl, "select * from api_keys"));
    const usageRows = JSON.stringify(await sqlQuery(app.databaseUrl, "select * from ai_usage"));
    const ledgerRows = JSON.stringify(
      await sqlQuery(app.databaseUrl, "select * from credit_transactions"),
    );
    expect(rows.some((r) => r.action === "key.create")).toBe(true);
    const logs = app.logs();
    expect(logs).toContain('"keyId"'); // the log does say which key made each call
    for (const key of fullKeys) {
      const body = key.slice(3); // what makes a key a key
      for (const [where, text] of [
        ["log", logs],
        ["audit", auditText],
        ["api_keys", keyRows],
        ["ai_usage", usageRows],
        ["ledger", ledgerRows],
        ["errors", seen.join("\n")],
      ])
        expect(text.includes(body), `${where} contains a key`).toBe(false);
    }
  });
});
