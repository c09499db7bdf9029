import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { api, type App, startApp } from "../helpers/app";
import { balance, grant, settled } from "../helpers/chat";
import { sqlQuery } from "../helpers/db";
import { type MockUpstream, startMockUpstream } from "../mocks/openai-server";

// Issue 15 items 4, 5 and 13: what a call is billed and how it is recorded at the edges — two
// max-token fields that disagree, a stream that fails before its first content, and a client
// that walks away.

const METRICS_TOKEN = "metrics-token-billing-edges-0123456789";
const PRICING = {
  chat: { perKTokens: { input: 1, output: 10 } },
  rounding: "ceil" as const,
};

let app: App;
let up: MockUpstream;
let admin: string;
let user: { id: string; token: string };

beforeAll(async () => {
  up = await startMockUpstream();
  app = await startApp({
    SEED_DEMO: "0",
    SIGNUP_CREDITS: "0",
    AI_TIMEOUT_MS: "5000",
    RATE_LIMIT_USER_PER_MIN: "100000",
    RATE_LIMIT_IP_PER_MIN: "100000",
    METRICS_TOKEN,
  });
  admin = await app.adminToken();
  const call = api(app, admin);
  const p = await call("/api/admin/ai/providers", {
    body: { slug: "edge", name: "Edge", baseURL: up.url, apiKey: "k-edge-provider" },
  });
  expect(p.status).toBe(201);
  const m = await call("/api/admin/ai/models", {
    body: {
      slug: "edge-chat",
      providerId: p.body.item.id,
      upstreamModel: "edge",
      capabilities: ["chat"],
      contextWindow: 128_000,
      pricing: PRICING,
    },
  });
  expect(m.status).toBe(201);
  user = await app.register();
  await grant(app, admin, user.id, 100_000);
});
beforeEach(() => up.reset());
afterAll(async () => {
  await app?.stop();
  await up?.stop();
});

const messages = [{ role: "user", content: "hi" }];
const post = (body: Record<string, unknown>) =>
  api(app, user.token)("/v1/chat/completions", { body: { model: "edge-chat", messages, ...body } });

async function usageStatus(requestId: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const rows = await sqlQuery<{ status: string }>(
      app.databaseUrl,
      'select status from ai_usage where "requestId" = ?',
      [requestId],
    );
    if (rows[0]) return rows[0].status;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no usage row for ${requestId}`);
}

async function txOf(requestId: string) {
  const txs = await settled(app, user.token);
  return txs.find((t) => t.requestId === requestId)!;
}

async function metricCount(status: string): Promise<number> {
  const res = await fetch(`${app.url}/api/metrics`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  });
  const line = (await res.text())
    .split("\n")
    .find(
      (l) =>
        l.startsWith("aigc_ai_requests_total{") &&
        l.includes('model="edge-chat"') &&
        l.includes(`status="${status}"`),
    );
  return line ? Number(line.split(" ").at(-1)) : 0;
}

const sseChunk = (delta: object, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: "c", object: "chat.completion.chunk", created: 1, model: "edge", choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

describe("max_tokens and max_completion_tokens (item 4)", () => {
  it("holds for the larger, so 4,000 tokens served are 4,000 tokens charged", async () => {
    up.enqueue({
      path: "/chat/completions",
      status: 200,
      body: {
        id: "x",
        object: "chat.completion",
        created: 1,
        model: "edge",
        choices: [
          { index: 0, message: { role: "assistant", content: "long…" }, finish_reason: "length" },
        ],
        usage: { prompt_tokens: 5, completion_tokens: 4000, total_tokens: 4005 },
      },
    });
    const res = await post({ max_tokens: 1, max_completion_tokens: 4000, requestId: "max-both" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const tx = await txOf("max-both");
    // ceil(1 × 5/1000 + 10 × 4000/1000) = 41; a hold for 1 token would have capped it at 1.
    expect(-tx.delta).toBe(41);
    expect(Number(tx.meta.held)).toBeGreaterThanOrEqual(41);
  });

  it("either field alone still bounds the hold", async () => {
    const res = await post({ max_completion_tokens: 100, requestId: "max-one" });
    expect(res.status).toBe(200);
    // ceil(1 × prompt/1000 + 10 × 100/1000) for a prompt of a few tokens.
    expect(Number((await txOf("max-one")).meta.held)).toBe(2);
  });
});

describe("a stream that fails before any content is refunded in full (item 5)", () => {
  const cases: [string, () => void][] = [
    [
      "a malformed first event",
      () =>
        up.enqueue({
          path: "/chat/completions",
          handle: (res) => {
            res.writeHead(200, { "content-type": "text/event-stream" });
            res.end("data: {this is not json\n\n");
          },
        }),
    ],
    [
      "a redirect to a page that is not an event stream",
      () => {
        up.enqueue({
          path: "/chat/completions",
          handle: (res) => {
            res.writeHead(302, { location: "/landing" });
            res.end();
          },
        });
        up.enqueue({
          path: "/landing",
          handle: (res) => {
            res.writeHead(200, { "content-type": "text/html" });
            res.end("<html><body>Welcome</body></html>");
          },
        });
      },
    ],
    [
      "an empty stream",
      () =>
        up.enqueue({
          path: "/chat/completions",
          handle: (res) => {
            res.writeHead(200, { "content-type": "text/event-stream" });
            res.end("data: [DONE]\n\n");
          },
        }),
    ],
    [
      "an error event after the role chunk",
      () =>
        up.enqueue({
          path: "/chat/completions",
          handle: (res) => {
            res.writeHead(200, { "content-type": "text/event-stream" });
            res.write(sseChunk({ role: "assistant", content: "" }));
            res.end(`data: ${JSON.stringify({ error: { message: "model crashed" } })}\n\n`);
          },
        }),
    ],
  ];
  for (const [name, arrange] of cases) {
    it(name, async () => {
      const id = `fail-${name.replace(/\W+/g, "-")}`;
      const before = await balance(app, user.token);
      arrange();
      const res = await fetch(`${app.url}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${user.token}`, "content-type": "application/json" },
        body: JSON.stringify({ model: "edge-chat", messages, stream: true, requestId: id }),
      });
      const text = await res.text();
      expect(text).toContain('"code":"upstream_error"');
      const tx = await txOf(id);
      expect(tx.status).toBe("failed");
      expect(await balance(app, user.token)).toBe(before);
      expect(await usageStatus(id)).toBe("upstream_error");
    });
  }

  it("a failure after content is still charged for what was delivered", async () => {
    up.enqueue({
      path: "/chat/completions",
      handle: (res) => {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.write(sseChunk({ role: "assistant", content: "" }));
        res.write(sseChunk({ content: "some words were delivered" }));
        res.end(`data: ${JSON.stringify({ error: { message: "model crashed" } })}\n\n`);
      },
    });
    const res = await fetch(`${app.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${user.token}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "edge-chat", messages, stream: true, requestId: "late-fail" }),
    });
    expect(await res.text()).toContain("some words were delivered");
    const tx = await txOf("late-fail");
    expect(tx.status).toBe("success");
    expect(-tx.delta).toBeGreaterThan(0);
  });
});

describe("a client that goes away is recorded as client_aborted (item 13)", () => {
  it("non-streamed: refunded, usage and metrics say client_aborted, not upstream_error", async () => {
    const abortedBefore = await metricCount("client_aborted");
    const upstreamErrorsBefore = await metricCount("upstream_error");
    up.enqueue({ path: "/chat/completions", delayMs: 3000 });
    const ac = new AbortController();
    const pending = fetch(`${app.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${user.token}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "edge-chat", messages, requestId: "walk-away" }),
      signal: ac.signal,
    }).catch(() => null);
    while (!up.requests.some((r) => r.path === "/v1/chat/completions"))
      await new Promise((r) => setTimeout(r, 20));
    ac.abort();
    await pending;
    expect(await usageStatus("walk-away")).toBe("client_aborted");
    expect((await txOf("walk-away")).status).toBe("failed");
    expect(await metricCount("client_aborted")).toBe(abortedBefore + 1);
    expect(await metricCount("upstream_error")).toBe(upstreamErrorsBefore);
  });

  it("streamed: charged for what was produced, recorded as client_aborted", async () => {
    up.setMode({ chunkCount: 30, chunkDelayMs: 100 });
    const ac = new AbortController();
    const res = await fetch(`${app.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${user.token}`, "content-type": "application/json" },
      body: JSON.stringify({
        model: "edge-chat",
        messages,
        stream: true,
        requestId: "walk-away-2",
      }),
      signal: ac.signal,
    });
    const reader = res.body!.getReader();
    await reader.read();
    await reader.read();
    ac.abort();
    expect(await usageStatus("walk-away-2")).toBe("client_aborted");
    const tx = await txOf("walk-away-2");
    expect(tx.status).toBe("success");
    expect(tx.meta.aborted).toBe(true);
  });
});
