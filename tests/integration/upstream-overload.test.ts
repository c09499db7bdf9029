import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, type App, startApp } from "../helpers/app";
import { allTransactions, grant } from "../helpers/chat";
import { type MockUpstream, startMockUpstream } from "../mocks/openai-server";

// Issue 15 item 10: a provider's connection pool is sized from config; a call that waits for a
// socket does not spend its attempt timeout waiting (so a queue does not turn into timeouts and
// retries that add load); and past the queue, calls are shed at once with 503 + Retry-After,
// before any credit is held.

const METRICS_TOKEN = "metrics-token-overload-0123456789";
const TIMEOUT = 4000;
const SLOW = 3000; // each call alone fits the timeout; a queued one's wait plus its call does not

let app: App;
let up: MockUpstream;
let user: { id: string; token: string };

beforeAll(async () => {
  up = await startMockUpstream();
  app = await startApp({
    SEED_DEMO: "0",
    SIGNUP_CREDITS: "0",
    AI_TIMEOUT_MS: String(TIMEOUT),
    PROVIDER_MAX_SOCKETS: "1",
    PROVIDER_MAX_QUEUE: "1",
    METRICS_TOKEN,
    RATE_LIMIT_USER_PER_MIN: "100000",
    RATE_LIMIT_IP_PER_MIN: "100000",
  });
  const admin = await app.adminToken();
  const p = await api(app, admin)("/api/admin/ai/providers", {
    body: { slug: "busy", name: "Busy", baseURL: up.url, apiKey: "k-busy" },
  });
  expect(p.status).toBe(201);
  const m = await api(app, admin)("/api/admin/ai/models", {
    body: {
      slug: "busy-chat",
      providerId: p.body.item.id,
      upstreamModel: "busy",
      capabilities: ["chat"],
      pricing: { chat: { fixedCreditsPerCall: 1 } },
    },
  });
  expect(m.status).toBe(201);
  user = await app.register();
  await grant(app, admin, user.id, 100);
});
afterAll(async () => {
  await app?.stop();
  await up?.stop();
});

const chat = (requestId: string) =>
  api(app, user.token)("/v1/chat/completions", {
    body: { model: "busy-chat", messages: [{ role: "user", content: "hi" }], requestId },
  });

async function gauge(name: string): Promise<number> {
  const text = await (
    await fetch(`${app.url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
  ).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name}{origin="${up.origin}"}`));
  return line ? Number(line.split(" ").at(-1)) : 0;
}

async function until(what: string, check: () => Promise<boolean> | boolean) {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("a saturated provider", () => {
  it("queues within the pool size, times attempts from when they are sent, sheds past the queue", async () => {
    up.enqueue({ path: "/chat/completions", delayMs: SLOW });
    up.enqueue({ path: "/chat/completions", delayMs: SLOW });
    const upstreamCalls = () => up.requests.filter((r) => r.path === "/v1/chat/completions");

    const first = chat("first");
    await until("the first call upstream", () => upstreamCalls().length === 1);
    const second = chat("second");
    await until(
      "the second call queued",
      async () => (await gauge("aigc_upstream_queued_requests")) === 1,
    );
    expect(await gauge("aigc_upstream_active_requests")).toBe(1);

    const shed = await chat("third");
    expect(shed.status).toBe(503);
    expect(shed.body.error).toMatchObject({ code: "service_unavailable", provider: "busy" });
    expect(shed.headers.get("retry-after")).toBe("1");

    // The second waited ~3 s for the socket and then took ~3 s: more than one timeout in all,
    // less than one from when it was sent. Both succeed, each sent upstream exactly once.
    const [a, b] = await Promise.all([first, second]);
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(b.status, JSON.stringify(b.body)).toBe(200);
    expect(upstreamCalls()).toHaveLength(2);

    // The shed call held nothing; the others were charged once each.
    const txs = await allTransactions(app, user.token);
    expect(txs.find((t) => t.requestId === "third")).toBeUndefined();
    expect(txs.filter((t) => t.requestId === "first" || t.requestId === "second")).toHaveLength(2);
    expect(await gauge("aigc_upstream_queued_requests")).toBe(0);
    expect(await gauge("aigc_upstream_active_requests")).toBe(0);
  });
});
