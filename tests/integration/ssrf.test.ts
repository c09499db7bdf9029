import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { api, type App, startApp } from "../helpers/app";
import { balance, grant } from "../helpers/chat";
import { closedPort, startCanary } from "../mocks/canary";
import { type MockUpstream, startMockUpstream } from "../mocks/openai-server";

// Issue 15 items 2 and 11, from the outside: a provider answers image URLs that point into our
// own network, and redirects calls to another origin. A canary server stands for everything on
// that network: it must receive nothing, every refusal reads the same, nothing is stored or
// charged; and a redirect to another origin carries neither the key nor the admin's headers.

const KEY = "prov-key-Lm9QaR2x77";
const HEADER = "tenant-Zp4Ky81QwE";

let app: App;
let up: MockUpstream;
let canary: Awaited<ReturnType<typeof startCanary>>;
let elsewhere: Awaited<ReturnType<typeof startCanary>>;
let admin: string;
let user: { id: string; token: string };
let upPort: number;
let closed: number;

beforeAll(async () => {
  up = await startMockUpstream();
  upPort = Number(new URL(up.origin).port);
  canary = await startCanary();
  elsewhere = await startCanary((req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      req.url?.endsWith("/models")
        ? JSON.stringify({ object: "list", data: [{ id: "m", object: "model" }] })
        : JSON.stringify({
            id: "x",
            object: "chat.completion",
            created: 1,
            model: "m",
            choices: [
              { index: 0, message: { role: "assistant", content: "hi" }, finish_reason: "stop" },
            ],
            usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
          }),
    );
  });
  closed = await closedPort();
  app = await startApp({ SEED_DEMO: "0", SIGNUP_CREDITS: "0", OUTBOUND_TIMEOUT_MS: "2000" });
  admin = await app.adminToken();
  const call = api(app, admin);
  // Two providers on the same upstream: one addressed by IP, one by name. A provider's own host
  // is trusted for its files, so each is used with URLs on hosts other than its own.
  for (const [slug, host] of [
    ["byip", "127.0.0.1"],
    ["byname", "localhost"],
  ]) {
    const p = await call("/api/admin/ai/providers", {
      body: {
        slug,
        name: slug,
        baseURL: `http://${host}:${upPort}/v1`,
        apiKey: KEY,
        extraHeaders: { "x-tenant": HEADER },
      },
    });
    expect(p.status, JSON.stringify(p.body)).toBe(201);
    const m = await call("/api/admin/ai/models", {
      body: {
        slug: `${slug}-img`,
        providerId: p.body.item.id,
        upstreamModel: "img",
        capabilities: ["image.generate", "chat"],
        pricing: { "image.generate": { perImage: 3 }, chat: { fixedCreditsPerCall: 1 } },
      },
    });
    expect(m.status, JSON.stringify(m.body)).toBe(201);
  }
  const u = await app.register();
  await grant(app, admin, u.id, 1000);
  user = u;
});
beforeEach(() => up.reset());
afterAll(async () => {
  await app?.stop();
  await up?.stop();
  await canary?.stop();
  await elsewhere?.stop();
});

const mediaFiles = () => {
  const dir = path.join(app.dataDir, "media");
  return fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true }) as string[]) : [];
};

/** The provider answers one image at `url`; returns what the client got. */
async function generateWith(provider: "byip" | "byname", url: string) {
  up.enqueue({
    path: "/images/generations",
    status: 200,
    body: { created: 1, data: [{ url }] },
  });
  return api(app, user.token)("/v1/images/generations", {
    body: { model: `${provider}-img`, prompt: "a cat" },
  });
}

const generic = (slug: string) => `上游服务 ${slug} 返回的结果无法下载`;

describe("result URLs into our own network are refused (SSRF)", () => {
  const cases: [string, "byip" | "byname", () => string][] = [
    ["loopback IP", "byname", () => `http://127.0.0.1:${canary.port}/a.png`],
    ["localhost by name", "byip", () => `http://localhost:${canary.port}/a.png`],
    ["0.0.0.0", "byname", () => `http://0.0.0.0:${canary.port}/a.png`],
    ["decimal IP", "byname", () => `http://2130706433:${canary.port}/a.png`],
    ["hex IP", "byname", () => `http://0x7f000001:${canary.port}/a.png`],
    ["short IP", "byname", () => `http://127.1:${canary.port}/a.png`],
    ["IPv6 loopback", "byname", () => `http://[::1]:${canary.port}/a.png`],
    ["IPv4-mapped IPv6", "byname", () => `http://[::ffff:127.0.0.1]:${canary.port}/a.png`],
    ["private 10/8", "byname", () => "http://10.0.0.1/a.png"],
    ["private 192.168/16", "byname", () => "http://192.168.1.1/a.png"],
    ["link-local metadata", "byname", () => "http://169.254.169.254/latest/meta-data/"],
    ["file scheme", "byname", () => "file:///etc/passwd"],
    ["ftp scheme", "byname", () => `ftp://127.0.0.1:${canary.port}/a.png`],
  ];
  for (const [name, provider, url] of cases) {
    it(`${name}: 502 with the generic message, nothing stored, nothing charged`, async () => {
      const before = await balance(app, user.token);
      const files = mediaFiles().length;
      const res = await generateWith(provider, url());
      expect(res.status, JSON.stringify(res.body)).toBe(502);
      expect(res.body.error).toMatchObject({ code: "upstream_error", provider });
      expect(res.body.error.message).toBe(generic(provider));
      expect(mediaFiles().length).toBe(files);
      expect(await balance(app, user.token)).toBe(before);
    });
  }

  it("a redirect from the provider's own host into the network is refused", async () => {
    up.enqueue({
      path: "/redir",
      handle: (res) => {
        res.writeHead(302, { location: `http://127.0.0.1:${canary.port}/a.png` });
        res.end();
      },
    });
    const res = await generateWith("byname", `http://localhost:${upPort}/redir`);
    expect(res.status).toBe(502);
    expect(res.body.error.message).toBe(generic("byname"));
    expect(up.requests.some((r) => r.path === "/redir")).toBe(true);
  });

  it("redirects are capped", async () => {
    for (let i = 0; i < 5; i++)
      up.enqueue({
        path: `/hop${i}`,
        handle: (res) => {
          res.writeHead(302, { location: `/hop${i + 1}` });
          res.end();
        },
      });
    const res = await generateWith("byname", `http://localhost:${upPort}/hop0`);
    expect(res.status).toBe(502);
    expect(up.requests.filter((r) => r.path.startsWith("/hop")).length).toBeLessThanOrEqual(4);
  });

  it("the message is the same whatever the port state or status", async () => {
    up.enqueue({ path: "/missing.png", status: 404, body: { error: "nope" } });
    up.enqueue({ path: "/broken.png", status: 500, body: { error: "boom" } });
    const urls = [
      `http://127.0.0.1:${canary.port}/a.png`, // blocked, port open
      `http://127.0.0.1:${closed}/a.png`, // blocked, port closed
      `http://localhost:${closed}/a.png`, // the provider's host, port closed
      `http://localhost:${upPort}/missing.png`, // the provider's host, 404
      `http://localhost:${upPort}/broken.png`, // the provider's host, 500
    ];
    const messages = new Set<string>();
    for (const url of urls) {
      const res = await generateWith("byname", url);
      expect(res.status).toBe(502);
      messages.add(res.body.error.message);
    }
    expect([...messages]).toEqual([generic("byname")]);
  });

  it("the provider's own files still download (the guard is not a blanket ban)", async () => {
    const res = await api(app, user.token)("/v1/images/generations", {
      body: { model: "byip-img", prompt: "a cat", response_format: "url" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data[0].url).toMatch(new RegExp(`^${app.url}/api/media/`));
  });

  it("the canary never received a single request", () => {
    expect(canary.requests).toEqual([]);
  });
});

describe("a redirect to another origin carries none of the provider's credentials", () => {
  it("chat: the key and the extra header stay behind; the call still completes", async () => {
    up.enqueue({
      path: "/chat/completions",
      handle: (res) => {
        res.writeHead(307, { location: `http://127.0.0.1:${elsewhere.port}/v1/chat/completions` });
        res.end();
      },
    });
    const res = await api(app, user.token)("/v1/chat/completions", {
      body: { model: "byname-img", messages: [{ role: "user", content: "hi" }] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const got = elsewhere.requests.at(-1)!;
    expect(got).toMatchObject({ method: "POST", path: "/v1/chat/completions" });
    expect(got.headers.authorization).toBeUndefined();
    expect(got.headers["x-tenant"]).toBeUndefined();
    expect(got.headers["content-type"]).toMatch(/json/);
    expect(JSON.stringify(got.headers)).not.toContain(KEY);
    expect(JSON.stringify(got.headers)).not.toContain(HEADER);
  });

  it("the admin connection test too", async () => {
    const providers = (await api(app, admin)("/api/admin/ai/providers")).body.items;
    const byname = providers.find((p: { slug: string }) => p.slug === "byname");
    up.enqueue({
      path: "/models",
      handle: (res) => {
        res.writeHead(302, { location: `http://127.0.0.1:${elsewhere.port}/v1/models` });
        res.end();
      },
    });
    const res = await api(app, admin)("/api/admin/ai/providers/test", {
      body: { providerId: byname.id },
    });
    expect(res.body).toMatchObject({ ok: true, modelCount: 1 });
    const got = elsewhere.requests.at(-1)!;
    expect(got.path).toBe("/v1/models");
    expect(got.headers.authorization).toBeUndefined();
    expect(got.headers["x-tenant"]).toBeUndefined();
  });

  it("a redirect within the same origin keeps them (the provider's own move)", async () => {
    up.enqueue({
      path: "/chat/completions",
      handle: (res) => {
        res.writeHead(307, { location: "/v1/moved/chat/completions" });
        res.end();
      },
    });
    const res = await api(app, user.token)("/v1/chat/completions", {
      body: { model: "byname-img", messages: [{ role: "user", content: "hi" }] },
    });
    const moved = up.requests.find((r) => r.path === "/v1/moved/chat/completions")!;
    expect(moved.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(moved.headers["x-tenant"]).toBe(HEADER);
    expect(res.status).toBe(502); // the mock has no such route: a 404 from the provider
  });
});
