import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, type App, databaseUrl, startApp } from "../helpers/app";
import { balance, grant } from "../helpers/chat";
import { sqlQuery } from "../helpers/db";
import { type MockUpstream, startMockUpstream } from "../mocks/openai-server";

// Issue 15 items 6 and 14 (temp folders): `kill -9` in the middle of a paid call and an upload.
// The process that comes back at once (or any other instance still running) refunds the dead
// process's holds — so the requestId can be retried — and no upload folder outlives the crash;
// while a live instance's holds are never touched by another's sweep.

let up: MockUpstream;
let shared: string;
let dbUrl: string;
const apps: App[] = [];
let user: { id: string; token: string };

const env = () => ({
  DATA_DIR: shared,
  DATABASE_URL: dbUrl,
  SEED_DEMO: "0",
  SIGNUP_CREDITS: "0",
  HOLD_SWEEP_INTERVAL_MS: "300",
  RATE_LIMIT_USER_PER_MIN: "100000",
  RATE_LIMIT_IP_PER_MIN: "100000",
});
async function start(): Promise<App> {
  const app = await startApp(env());
  apps.push(app);
  return app;
}

beforeAll(async () => {
  up = await startMockUpstream();
  shared = fs.mkdtempSync(path.join(os.tmpdir(), "aigc-crash-"));
  dbUrl = databaseUrl(shared);
});
afterAll(async () => {
  for (const app of apps.reverse()) await app.kill();
  fs.rmSync(shared, { recursive: true, force: true });
  await up?.stop();
});

const holdStatus = async (requestId: string) =>
  (
    await sqlQuery<{ status: string }>(
      dbUrl,
      'select status from credit_transactions where "requestId" = ? order by "createdAt"',
      [requestId],
    )
  ).map((r) => r.status);

/** Starts a slow stream and resolves once its first chunk arrived (the hold is pending then). */
async function streamStarted(app: App, requestId: string) {
  const ac = new AbortController();
  const res = await fetch(`${app.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${user.token}`, "content-type": "application/json" },
    body: JSON.stringify({
      model: "crash-chat",
      messages: [{ role: "user", content: "tell me a long story" }],
      stream: true,
      requestId,
    }),
    signal: ac.signal,
  });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  await reader.read();
  const rest = (async () => {
    let text = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return text;
        text += new TextDecoder().decode(value);
      }
    } catch {
      return null; // the server died
    }
  })();
  return { rest, abort: () => ac.abort() };
}

/** Starts a multipart upload and leaves it hanging half-sent. */
function hangingUpload(app: App): http.ClientRequest {
  const req = http.request(`${app.url}/v1/images/edits`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${user.token}`,
      "content-type": "multipart/form-data; boundary=HANG",
      "transfer-encoding": "chunked",
    },
  });
  req.on("error", () => undefined);
  req.write(
    '--HANG\r\nContent-Disposition: form-data; name="image"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n',
  );
  req.write(Buffer.alloc(64 * 1024, 1));
  return req;
}

const tmpEntries = () => {
  const dir = path.join(shared, "tmp");
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};

async function until<T>(what: string, fn: () => Promise<T | null | false>, ms = 15_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("kill -9 mid-call", () => {
  it("the restarted process refunds at once, the requestId can be retried, and no temp folder is left", async () => {
    const a = await start();
    const admin = await a.adminToken();
    const call = api(a, admin);
    const p = await call("/api/admin/ai/providers", {
      body: { slug: "crashy", name: "Crashy", baseURL: up.url, apiKey: "k-crash" },
    });
    expect(p.status).toBe(201);
    const m = await call("/api/admin/ai/models", {
      body: {
        slug: "crash-chat",
        providerId: p.body.item.id,
        upstreamModel: "crash",
        capabilities: ["chat"],
        pricing: { chat: { fixedCreditsPerCall: 7 } },
      },
    });
    expect(m.status).toBe(201);
    user = await a.register();
    await grant(a, admin, user.id, 100);

    up.setMode({ chunkCount: 200, chunkDelayMs: 100 });
    const stream = await streamStarted(a, "crash-1");
    const upload = hangingUpload(a);
    await until("the upload's temp folder", async () => tmpEntries().length > 0);
    expect(await holdStatus("crash-1")).toEqual(["pending"]);
    expect(await balance(a, user.token)).toBe(93);

    await a.kill();
    upload.destroy();
    expect(await stream.rest).toBeNull();
    expect(tmpEntries().length).toBeGreaterThan(0);

    const b = await start();
    // Boot has run before the server answers its first request.
    expect(tmpEntries()).toEqual([]);
    expect(await holdStatus("crash-1")).toEqual(["failed"]);
    expect(await balance(b, user.token)).toBe(100);

    up.setMode({ chunkCount: 5, chunkDelayMs: 0 });
    const retry = await api(b, user.token)("/v1/chat/completions", {
      body: {
        model: "crash-chat",
        messages: [{ role: "user", content: "again" }],
        requestId: "crash-1",
      },
    });
    expect(retry.status, JSON.stringify(retry.body)).toBe(200);
    expect(await balance(b, user.token)).toBe(93);
  });

  it("another instance never refunds a live call, and refunds a dead instance's within sweeps", async () => {
    const b = apps.at(-1)!;
    const c = await start();

    up.setMode({ chunkCount: 25, chunkDelayMs: 100 });
    const live = await streamStarted(b, "live-1");
    // ~2.5 s of streaming on b while c sweeps every 300 ms.
    expect(await live.rest).toContain("[DONE]");
    expect(await holdStatus("live-1")).toEqual(["success"]);

    up.setMode({ chunkCount: 200, chunkDelayMs: 100 });
    const dying = await streamStarted(b, "dying-1");
    expect(await holdStatus("dying-1")).toEqual(["pending"]);
    const before = await balance(c, user.token);
    await b.kill();
    await dying.rest;
    await until("c to refund the dead instance's hold", async () =>
      (await holdStatus("dying-1"))[0] === "failed" ? true : null,
    );
    expect(await balance(c, user.token)).toBe(before + 7);
  });
});
