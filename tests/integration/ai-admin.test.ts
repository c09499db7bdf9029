import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, type App, freePort, startApp } from "../helpers/app";
import { type MockUpstream, startMockUpstream } from "../mocks/openai-server";

// The provider/model library through the real app: admin API (contract §3), public catalogue
// (§5), audit, and the rule that a provider key never comes back out in any form.

const KEY = "sk-upstream-SECRET-7f3a9c2e41d8";
const KEY2 = "sk-rotated-SECRET-b5e0d6c7a912";
let app: App;
let up: MockUpstream;
let admin: ReturnType<typeof api>;
let adminToken: string;
const seen: string[] = [];

// Every admin response is kept, so the final test can scan them all for the keys.
function recorded(call: ReturnType<typeof api>): ReturnType<typeof api> {
  return async (path, init) => {
    const res = await call(path, init);
    seen.push(JSON.stringify(res.body), JSON.stringify([...res.headers.entries()]));
    return res;
  };
}

beforeAll(async () => {
  up = await startMockUpstream({ apiKey: KEY });
  app = await startApp({ SEED_DEMO: "0", AI_TIMEOUT_MS: "2000" });
  adminToken = await app.adminToken();
  admin = recorded(api(app, adminToken));
});
afterAll(async () => {
  await app?.stop();
  await up?.stop();
});

let providerId = "";
async function createUpstreamProvider(slug: string) {
  const res = await admin("/api/admin/ai/providers", {
    body: {
      slug,
      name: "Upstream",
      baseURL: `${up.url}/`,
      apiKey: KEY,
      extraHeaders: { "X-Title": "AIGC Studio" },
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.item;
}

describe("first run", () => {
  it("seeds the built-in mock provider with enabled models", async () => {
    const providers = (await admin("/api/admin/ai/providers")).body.items;
    expect(providers).toHaveLength(1);
    expect(providers[0]).toMatchObject({
      slug: "mock",
      kind: "mock",
      enabled: true,
      hasApiKey: false,
    });
    const v1 = (await api(app)("/v1/models")).body;
    expect(v1.object).toBe("list");
    expect(v1.data.map((m: { id: string }) => m.id).sort()).toEqual([
      "mock-chat",
      "mock-chat-pro",
      "mock-embedding",
      "mock-image",
      "mock-image-tools",
      "mock-tts",
      "mock-video",
    ]);
    expect(v1.data[0]).toMatchObject({ object: "model", owned_by: "mock" });
    expect(Number.isInteger(v1.data[0].created)).toBe(true);
  });
});

describe("admin routes refuse non-admins", () => {
  const routes: [string, string][] = [
    ["GET", "/api/admin/ai/providers"],
    ["POST", "/api/admin/ai/providers"],
    ["PATCH", "/api/admin/ai/providers/x"],
    ["DELETE", "/api/admin/ai/providers/x"],
    ["POST", "/api/admin/ai/providers/test"],
    ["GET", "/api/admin/ai/models"],
    ["POST", "/api/admin/ai/models"],
    ["PATCH", "/api/admin/ai/models/x"],
    ["DELETE", "/api/admin/ai/models/x"],
    ["POST", "/api/admin/ai/models/bulk"],
    ["POST", "/api/admin/ai/models/import"],
    ["GET", "/api/admin/audit"],
  ];
  it.each(routes)("%s %s: anonymous 401, user 403", async (method, path) => {
    const user = await app.register();
    const body = method === "GET" || method === "DELETE" ? undefined : {};
    const anon = await api(app)(path, { method, body });
    expect(anon.status).toBe(401);
    expect(anon.body.error.code).toBe("unauthorized");
    const plain = await api(app, user.token)(path, { method, body });
    expect(plain.status).toBe(403);
    expect(plain.body.error.code).toBe("forbidden");
  });
});

describe("providers", () => {
  it("creates with a write-only key and previews at most 4 characters", async () => {
    const item = await createUpstreamProvider("up");
    providerId = item.id;
    expect(item).toMatchObject({
      slug: "up",
      baseURL: up.url,
      hasApiKey: true,
      apiKeyPreview: KEY.slice(-4),
      extraHeaders: { "X-Title": "AIGC Studio" },
      enabled: true,
      kind: "openaiLike",
    });
    expect(Object.keys(item).sort()).toEqual([
      "apiKeyPreview",
      "baseURL",
      "createdAt",
      "enabled",
      "extraHeaders",
      "hasApiKey",
      "id",
      "kind",
      "name",
      "slug",
      "updatedAt",
    ]);
  });

  it("answers 409 conflict on a taken slug and 400 on bad input", async () => {
    const dup = await admin("/api/admin/ai/providers", {
      body: { slug: "up", name: "x", baseURL: up.url },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: "conflict", param: "slug" });
    const cases: [unknown, string][] = [
      [
        { slug: "a", name: "x", baseURL: up.url, extraHeaders: { Authorization: "Bearer x" } },
        "extraHeaders.Authorization",
      ],
      [
        { slug: "a", name: "x", baseURL: up.url, extraHeaders: { host: "evil" } },
        "extraHeaders.host",
      ],
      [
        { slug: "a", name: "x", baseURL: up.url, extraHeaders: { "X-A": "line\r\nbreak" } },
        "extraHeaders.X-A",
      ],
      [{ slug: "a", name: "x", baseURL: up.url, extraHeaders: { "X-A": 1 } }, "extraHeaders.X-A"],
      [{ slug: "a", name: "x", baseURL: "http://user:pw@host/v1" }, "baseURL"],
      [{ slug: "a", name: "x", baseURL: "ftp://host/v1" }, "baseURL"],
      // Not a URL at all: a 400, not a 500 from a check that assumed it parses.
      [{ slug: "a", name: "x", baseURL: "ftp//nowhere" }, "baseURL"],
      [{ slug: "Bad Slug", name: "x", baseURL: up.url }, "slug"],
      [{ slug: "a", name: "x", baseURL: up.url, kind: "nope" }, "kind"],
    ];
    for (const [body, param] of cases) {
      const res = await admin("/api/admin/ai/providers", { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.param).toBe(param);
    }
    const patchDup = await admin(`/api/admin/ai/providers/${providerId}`, {
      method: "PATCH",
      body: { slug: "mock" },
    });
    expect(patchDup.status).toBe(409);
    expect(
      (await admin("/api/admin/ai/providers/nope", { method: "PATCH", body: { name: "x" } }))
        .status,
    ).toBe(404);
  });

  it("tests the connection: ok with a model count, clean failures otherwise", async () => {
    const ok = await admin("/api/admin/ai/providers/test", { body: { providerId } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, modelCount: 3 });
    expect(ok.body.latencyMs).toBeGreaterThanOrEqual(0);
    expect(up.requests.at(-1)!.headers).toMatchObject({
      authorization: `Bearer ${KEY}`,
      "x-title": "AIGC Studio",
    });

    up.enqueue({ status: 401, body: { error: { message: `Incorrect API key provided: ${KEY}` } } });
    const denied = (await admin("/api/admin/ai/providers/test", { body: { providerId } })).body;
    expect(denied.ok).toBe(false);
    expect(denied.error).toContain("401");
    expect(denied.error).not.toContain(KEY);

    up.enqueue({ delayMs: 3000 });
    const slow = (await admin("/api/admin/ai/providers/test", { body: { providerId } })).body;
    expect(slow).toMatchObject({ ok: false });
    expect(slow.error).toMatch(/超时/);

    const port = await freePort();
    const dead = await admin("/api/admin/ai/providers", {
      body: { slug: "dead", name: "Dead", baseURL: `http://127.0.0.1:${port}/v1`, apiKey: KEY },
    });
    const refused = (
      await admin("/api/admin/ai/providers/test", { body: { providerId: dead.body.item.id } })
    ).body;
    expect(refused.ok).toBe(false);
    // The UI reads "连接失败：" + this, so the message must not say it again (issue 15 item 18).
    expect(refused.error).toBe("服务器拒绝连接（ECONNREFUSED）");
    expect(refused.error).not.toContain(String(port));
    expect(
      (await admin(`/api/admin/ai/providers/${dead.body.item.id}`, { method: "DELETE" })).body,
    ).toMatchObject({ ok: true });
    expect(
      (await admin("/api/admin/ai/providers/test", { body: { providerId: "nope" } })).status,
    ).toBe(404);
  });

  it("replaces and removes the key without ever returning it", async () => {
    const replaced = await admin(`/api/admin/ai/providers/${providerId}`, {
      method: "PATCH",
      body: { apiKey: KEY2 },
    });
    expect(replaced.body.item).toMatchObject({ hasApiKey: true, apiKeyPreview: KEY2.slice(-4) });
    const removed = await admin(`/api/admin/ai/providers/${providerId}`, {
      method: "PATCH",
      body: { apiKey: null },
    });
    expect(removed.body.item).toMatchObject({ hasApiKey: false, apiKeyPreview: null });
    const back = await admin(`/api/admin/ai/providers/${providerId}`, {
      method: "PATCH",
      body: { apiKey: KEY, name: "Upstream 2" },
    });
    expect(back.body.item).toMatchObject({ hasApiKey: true, name: "Upstream 2" });
  });
});

describe("import", () => {
  it("imports with batch defaults, then re-imports without duplicating", async () => {
    up.setModels([
      { id: "gpt-4o-mini" },
      { id: "dall-e-3" },
      { id: "mock-chat" },
      { id: "whisper-1" },
    ]);
    const defaults = { pricing: { chat: { minCredits: 2 } }, tags: ["导入"], enabled: true };
    const first = await admin("/api/admin/ai/models/import", {
      body: { providerId, strategy: "openaiLike", defaults },
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ imported: 3, updated: 0, skipped: 1 });
    const bySlug = Object.fromEntries(first.body.items.map((m: { slug: string }) => [m.slug, m]));
    // "mock-chat" is taken by the built-in model, so the import prefixes the provider slug.
    expect(Object.keys(bySlug).sort()).toEqual(["dall-e-3", "gpt-4o-mini", "up/mock-chat"]);
    expect(bySlug["up/mock-chat"]).toMatchObject({
      upstreamModel: "mock-chat",
      providerSlug: "up",
      enabled: true,
      tags: ["导入"],
    });
    expect(bySlug["gpt-4o-mini"].pricing).toEqual({ chat: { minCredits: 2 }, rounding: "ceil" });
    expect(bySlug["dall-e-3"].capabilities).toEqual(["image.generate"]);

    up.setModels([
      { id: "gpt-4o-mini" },
      { id: "dall-e-3" },
      { id: "mock-chat" },
      { id: "gpt-4.1" },
    ]);
    const again = await admin("/api/admin/ai/models/import", {
      body: { providerId, strategy: "openaiLike" },
    });
    expect(again.body).toMatchObject({ imported: 1, updated: 3, skipped: 0 });
    const mine = (await admin(`/api/admin/ai/models?providerId=${providerId}`)).body.items;
    expect(mine).toHaveLength(4);
    expect(new Set(mine.map((m: { upstreamModel: string }) => m.upstreamModel)).size).toBe(4);
    // New models start disabled unless the batch enables them; earlier ones keep their state.
    expect(mine.find((m: { slug: string }) => m.slug === "gpt-4.1").enabled).toBe(false);
    expect(mine.find((m: { slug: string }) => m.slug === "gpt-4o-mini").enabled).toBe(true);
  });

  it("imports embedding and speech models with their capabilities (transcription is skipped)", async () => {
    const other = await admin("/api/admin/ai/providers", {
      body: { slug: "up-audio", name: "Audio", baseURL: up.url, apiKey: KEY },
    });
    up.setModels([{ id: "text-embedding-3-large" }, { id: "tts-1" }, { id: "whisper-1" }]);
    const res = await admin("/api/admin/ai/models/import", {
      body: { providerId: other.body.item.id, strategy: "openaiLike" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ imported: 2, skipped: 1 });
    expect(
      res.body.items.map((m: { slug: string; capabilities: string[]; modalities: string[] }) => [
        m.slug,
        m.capabilities,
        m.modalities,
      ]),
    ).toEqual([
      ["text-embedding-3-large", ["embedding"], ["text"]],
      ["tts-1", ["audio.speech"], ["audio"]],
    ]);
  });

  it("a re-import keeps what an admin curated, lists what changed, and overwrites on request (issue 15 item 17)", async () => {
    type M = { id: string; slug: string; upstreamModel: string; [k: string]: unknown };
    const list = async (): Promise<M[]> =>
      (await admin(`/api/admin/ai/models?providerId=${providerId}`)).body.items;
    const byUpstream = async (id: string) => (await list()).find((m) => m.upstreamModel === id)!;
    const mini = await byUpstream("gpt-4o-mini");
    const edit = await admin(`/api/admin/ai/models/${mini.id}`, {
      method: "PATCH",
      body: {
        displayName: "GPT-4o mini（推荐）",
        pricing: { chat: { fixedCreditsPerCall: 3 }, rounding: "ceil" },
        tags: ["导入", "精选"],
      },
    });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    expect(edit.body.item.editedFields).toEqual(["displayName", "pricing", "tags"]);

    // Upstream changes its owner (a fact the import refreshes); the batch adds a tag.
    up.setModels([
      { id: "gpt-4o-mini", owned_by: "openai-2" },
      { id: "dall-e-3" },
      { id: "mock-chat" },
      { id: "gpt-4.1" },
    ]);
    const again = await admin("/api/admin/ai/models/import", {
      body: { providerId, strategy: "openaiLike", defaults: { tags: ["批次"] } },
    });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    const after = await byUpstream("gpt-4o-mini");
    expect(after).toMatchObject({
      displayName: "GPT-4o mini（推荐）",
      pricing: { chat: { fixedCreditsPerCall: 3 }, rounding: "ceil" },
      tags: ["导入", "精选"],
      family: "openai-2",
    });
    expect((await byUpstream("dall-e-3")).tags).toContain("批次");
    const change = again.body.changes.find((c: { slug: string }) => c.slug === mini.slug);
    expect(change.kept.sort()).toEqual(["displayName", "tags"]);
    expect(change.changed.family).toEqual({ before: "mock", after: "openai-2" });

    const audit = (await admin("/api/admin/audit?limit=20")).body.items.find(
      (r: { action: string }) => r.action === "model.import",
    );
    expect(audit.diff.changes).toContainEqual(
      expect.objectContaining({ slug: mini.slug, kept: change.kept }),
    );

    const overwritten = await admin("/api/admin/ai/models/import", {
      body: { providerId, strategy: "openaiLike", overwrite: true },
    });
    expect(overwritten.status).toBe(200);
    const reset = await byUpstream("gpt-4o-mini");
    expect(reset).toMatchObject({ displayName: "gpt-4o-mini", editedFields: [] });
  });

  it("re-importing the built-in mock keeps its curated names (issue 15 item 17)", async () => {
    const providers = (await admin("/api/admin/ai/providers")).body.items;
    const mock = providers.find((p: { slug: string }) => p.slug === "mock");
    const res = await admin("/api/admin/ai/models/import", {
      body: { providerId: mock.id, strategy: "openaiLike" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const models = (await admin(`/api/admin/ai/models?providerId=${mock.id}`)).body.items;
    expect(models.find((m: { slug: string }) => m.slug === "mock-chat").displayName).toBe(
      "Mock Chat",
    );
    const catalogue = await api(app)("/api/ai/catalog");
    expect(
      catalogue.body.items.find((m: { slug: string }) => m.slug === "mock-chat").displayName,
    ).toBe("Mock Chat");
  });

  it("ollama strategy falls back to /api/tags", async () => {
    up.setModels([{ id: "llama3.2:latest", owned_by: "llama" }]);
    up.enqueue({ status: 404, path: "/models", body: { error: "not found" } });
    const res = await admin("/api/admin/ai/models/import", {
      body: { providerId, strategy: "ollama" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.imported).toBe(1);
    expect(res.body.items[0]).toMatchObject({
      slug: "llama3.2:latest",
      family: "llama",
      capabilities: ["chat"],
    });
    expect(up.requests.slice(-2).map((r) => r.path)).toEqual(["/v1/models", "/api/tags"]);
  });

  it("reports an upstream failure as 502 without the key", async () => {
    up.enqueue({ status: 500, body: { error: { message: `bad key ${KEY}` } } });
    const res = await admin("/api/admin/ai/models/import", {
      body: { providerId, strategy: "openaiLike" },
    });
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({ code: "upstream_error", provider: "up" });
    expect(res.body.error.message).not.toContain(KEY);
    const bad = await admin("/api/admin/ai/models/import", {
      body: { providerId, strategy: "bogus" },
    });
    expect(bad.body.error).toMatchObject({ code: "invalid_request", param: "strategy" });
  });
});

describe("models", () => {
  let modelId = "";
  it("creates with defaults, refuses taken slugs and bad pricing", async () => {
    const res = await admin("/api/admin/ai/models", {
      body: {
        slug: "my-chat",
        providerId,
        capabilities: ["chat"],
        pricing: { chat: { perKTokens: { input: 1, output: 2 } } },
        rateLimit: { rpm: 30 },
        tags: ["a"],
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    modelId = res.body.item.id;
    expect(res.body.item).toMatchObject({
      slug: "my-chat",
      upstreamModel: "my-chat",
      displayName: "my-chat",
      enabled: true,
      supportsStream: true,
      modalities: ["text"],
      rateLimit: { rpm: 30 },
      pricing: { chat: { perKTokens: { input: 1, output: 2 } }, rounding: "ceil" },
    });
    expect(
      (
        await admin("/api/admin/ai/models", {
          body: { slug: "my-chat", providerId, capabilities: ["chat"] },
        })
      ).status,
    ).toBe(409);
    const cases: [unknown, string][] = [
      [
        { slug: "x1", providerId, capabilities: ["chat"], pricing: { chat: { minCredits: 1.5 } } },
        "pricing.chat.minCredits",
      ],
      [{ slug: "x1", providerId, capabilities: ["video"] }, "capabilities.0"],
      [{ slug: "x1", providerId, capabilities: [] }, "capabilities"],
      [{ slug: "x1", providerId: "nope", capabilities: ["chat"] }, "providerId"],
      [{ slug: "x1", providerId, capabilities: ["chat"], rateLimit: { rpm: 0 } }, "rateLimit.rpm"],
    ];
    for (const [body, param] of cases) {
      const r = await admin("/api/admin/ai/models", { body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.param).toBe(param);
    }
  });

  it("filters by q, provider, capability and enabled", async () => {
    const list = async (q: string) =>
      (await admin(`/api/admin/ai/models?${q}`)).body.items
        .map((m: { slug: string }) => m.slug)
        .sort();
    expect(await list("q=MY-CH")).toEqual(["my-chat"]);
    expect(await list("capability=image.edit")).toEqual(["mock-image"]);
    expect(await list("capability=embedding")).toEqual([
      "mock-embedding",
      "text-embedding-3-large",
    ]);
    expect(await list("capability=audio.speech")).toEqual(["mock-tts", "tts-1"]);
    expect(await list(`providerId=${providerId}&enabled=false`)).toEqual([
      "gpt-4.1",
      "llama3.2:latest",
    ]);
    expect(await list("q=导入")).toEqual(["dall-e-3", "gpt-4o-mini", "up/mock-chat"]);
    expect((await admin("/api/admin/ai/models?capability=video")).status).toBe(400);
  });

  it("edits, bulk toggles and deletes", async () => {
    const patched = await admin(`/api/admin/ai/models/${modelId}`, {
      method: "PATCH",
      body: {
        pricing: { chat: { fixedCreditsPerCall: 3 }, rounding: "round" },
        upstreamModel: "gpt-4o-mini",
        sort: -5,
      },
    });
    expect(patched.body.item).toMatchObject({
      pricing: { chat: { fixedCreditsPerCall: 3 }, rounding: "round" },
      upstreamModel: "gpt-4o-mini",
      sort: -5,
    });
    expect(
      (
        await admin(`/api/admin/ai/models/${modelId}`, {
          method: "PATCH",
          body: { slug: "mock-chat" },
        })
      ).status,
    ).toBe(409);
    expect(
      (await admin(`/api/admin/ai/models/${modelId}`, { method: "PATCH", body: { nope: 1 } }))
        .status,
    ).toBe(400);
    const items = (await admin(`/api/admin/ai/models?providerId=${providerId}`)).body.items as {
      id: string;
    }[];
    const bulk = await admin("/api/admin/ai/models/bulk", {
      body: { ids: [...items.map((m) => m.id), "unknown"], enabled: false },
    });
    expect(bulk.body).toEqual({ updated: items.length });
    expect(
      (await admin(`/api/admin/ai/models?providerId=${providerId}&enabled=true`)).body.items,
    ).toEqual([]);
    expect(
      (await admin("/api/admin/ai/models/bulk", { body: { ids: [], enabled: true } })).status,
    ).toBe(400);
    await admin("/api/admin/ai/models/bulk", {
      body: { ids: items.map((m) => m.id), enabled: true },
    });
    expect((await admin(`/api/admin/ai/models/${modelId}`, { method: "DELETE" })).body).toEqual({
      ok: true,
      id: modelId,
    });
    expect((await admin(`/api/admin/ai/models/${modelId}`, { method: "DELETE" })).status).toBe(404);
  });
});

describe("public catalogue", () => {
  it("GET /api/ai/catalog: ETag, 304, and a new version after any change", async () => {
    const first = await api(app)("/api/ai/catalog");
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag")!;
    expect(etag).toBe(`"${first.body.version}"`);
    const cached = await fetch(`${app.url}/api/ai/catalog`, {
      headers: { "if-none-match": etag },
    });
    expect(cached.status).toBe(304);
    expect(await cached.text()).toBe("");
    const item = first.body.items.find((m: { slug: string }) => m.slug === "mock-chat");
    expect(item).toMatchObject({
      providerSlug: "mock",
      capabilities: ["chat"],
      pricing: { chat: { perKTokens: { input: 1, output: 2 }, minCredits: 1 } },
      contextWindow: 8192,
    });
    for (const field of [
      "upstreamModel",
      "providerId",
      "baseURL",
      "apiKeyPreview",
      "hasApiKey",
      "extraHeaders",
    ])
      expect(item).not.toHaveProperty(field);

    const target = (await admin("/api/admin/ai/models?q=mock-chat-pro")).body.items[0];
    await admin(`/api/admin/ai/models/${target.id}`, { method: "PATCH", body: { enabled: false } });
    const second = await fetch(`${app.url}/api/ai/catalog`, {
      headers: { "if-none-match": etag },
    });
    expect(second.status).toBe(200);
    const body = (await second.json()) as { version: string; items: { slug: string }[] };
    expect(body.version).not.toBe(first.body.version);
    expect(body.items.map((m) => m.slug)).not.toContain("mock-chat-pro");
    await admin(`/api/admin/ai/models/${target.id}`, { method: "PATCH", body: { enabled: true } });
  });

  it("/v1/models lists exactly the enabled models of enabled providers", async () => {
    const some = (await admin(`/api/admin/ai/models?providerId=${providerId}`)).body.items as {
      id: string;
      slug: string;
    }[];
    await admin("/api/admin/ai/models/bulk", { body: { ids: [some[0].id], enabled: false } });
    const mock = (await admin("/api/admin/ai/providers")).body.items.find(
      (p: { slug: string }) => p.slug === "mock",
    );
    await admin(`/api/admin/ai/providers/${mock.id}`, {
      method: "PATCH",
      body: { enabled: false },
    });

    const all = (await admin("/api/admin/ai/models")).body.items as {
      slug: string;
      enabled: boolean;
      providerSlug: string;
    }[];
    const expected = all
      .filter((m) => m.enabled && m.providerSlug !== "mock")
      .map((m) => m.slug)
      .sort();
    const listed = (await api(app)("/v1/models")).body.data.map((m: { id: string }) => m.id).sort();
    expect(listed).toEqual(expected);
    expect(listed).not.toContain(some[0].slug);
    expect(listed.some((s: string) => s.startsWith("mock-"))).toBe(false);
    const publicSlugs = (await api(app)("/api/ai/catalog")).body.items
      .map((m: { slug: string }) => m.slug)
      .sort();
    expect(publicSlugs).toEqual(expected);
    // The /api/ai twin of /v1/models answers the same OpenAI list, for SDKs pointed at /api/ai.
    expect((await api(app)("/api/ai/models")).body).toEqual((await api(app)("/v1/models")).body);
    await admin(`/api/admin/ai/providers/${mock.id}`, { method: "PATCH", body: { enabled: true } });
  });
});

describe("audit and secrecy", () => {
  it("records every admin write, newest first, paged", async () => {
    const page1 = await admin("/api/admin/audit?limit=5");
    expect(page1.body.items).toHaveLength(5);
    const page2 = await admin(`/api/admin/audit?limit=5&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items[0].createdAt <= page1.body.items[4].createdAt).toBe(true);
    expect(
      new Set([...page1.body.items, ...page2.body.items].map((r: { id: string }) => r.id)).size,
    ).toBe(10);
    const all: { action: string; actorEmail: string | null; ip: string | null; diff: unknown }[] =
      [];
    let cursor: string | null = null;
    do {
      const res = await admin(`/api/admin/audit?limit=100${cursor ? `&cursor=${cursor}` : ""}`);
      all.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    const actions = new Set(all.map((r) => r.action));
    for (const a of [
      "provider.seed_mock",
      "provider.create",
      "provider.update",
      "provider.delete",
      "model.import",
      "model.create",
      "model.update",
      "model.delete",
      "model.bulk_disable",
      "model.bulk_enable",
    ]) {
      expect(actions, a).toContain(a);
    }
    const keyChange = all.find(
      (r) => r.action === "provider.update" && JSON.stringify(r.diff).includes("apiKey"),
    );
    expect(JSON.stringify(keyChange?.diff)).toContain("[redacted]");
    expect(all.find((r) => r.action === "provider.create")).toMatchObject({
      actorEmail: expect.stringContaining("@"),
      ip: expect.any(String),
    });
    seen.push(JSON.stringify(all));
    expect((await admin("/api/admin/audit?limit=0")).status).toBe(400);
  });

  it("never shows a provider key in any response, log line or audit row", () => {
    const haystack = [...seen, app.logs()].join("\n");
    expect(seen.length).toBeGreaterThan(50);
    for (const secret of [KEY, KEY2, KEY.slice(0, 20), KEY2.slice(0, 20)])
      expect(haystack).not.toContain(secret);
  });
});
