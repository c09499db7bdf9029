import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, type App, freePort, startApp } from "../helpers/app";
import { grantCredits } from "../helpers/images";
import {
  createTaskModel,
  expectLedgerConsistent,
  startWorker,
  waitAllTerminal,
  waitForLog,
  waitTask,
  type WorkerProc,
} from "../helpers/tasks";
import { startVideoUpstream, type VideoUpstream } from "../mocks/openai-videos-server";

// Several workers on one database never run the same task twice: each upstream job is created
// once and downloaded once, each task finishes once — with the embedded runner (an app and a
// `npm run worker` process both claiming from the database) and with BullMQ (REDIS_URL: the
// app only submits, two worker processes take the jobs).

const KEY = "sk-workers-test";
const BASE = {
  SEED_DEMO: "0",
  SIGNUP_CREDITS: "0",
  TASK_POLL_MIN_MS: "100",
  TASK_POLL_MAX_MS: "300",
  TASK_CONCURRENCY: "4",
  RATE_LIMIT_USER_PER_MIN: "100000",
  RATE_LIMIT_IP_PER_MIN: "100000",
  OUTBOUND_ALLOW_HOSTS: "127.0.0.1",
};

const finishedLines = (logs: string) =>
  logs.split("\n").filter((l) => l.includes('"msg":"task finished"'));

async function runBatch(
  app: App,
  up: VideoUpstream,
  tag: string,
  n = 40,
  opts: { model?: string; whileRunning?: () => Promise<void> } = {},
) {
  const users = await Promise.all(Array.from({ length: 4 }, () => app.register()));
  for (const u of users) await grantCredits(app, u.id, 200);
  const prompts: string[] = [];
  await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const prompt = `${tag} job ${i}`;
      prompts.push(prompt);
      const res = await api(app, users[i % 4].token)("/v1/videos", {
        body: { model: opts.model ?? `${tag}-video`, prompt },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }),
  );
  if (opts.whileRunning) {
    await opts.whileRunning();
    await waitAllTerminal(app.databaseUrl, 60_000);
    // A worker killed between the provider accepting a job and recording its id makes the next
    // owner submit again (README: the one crash window); the money is still exactly once.
    await expectLedgerConsistent(app.databaseUrl);
    return prompts;
  }
  await waitAllTerminal(app.databaseUrl, 60_000);
  for (const p of prompts) {
    expect(up.creates(p), p).toBe(1);
    const job = [...up.jobs.values()].find((j) => j.prompt === p)!;
    // The video and its thumbnail, each fetched once.
    expect(job.downloads, p).toBe(2);
  }
  await expectLedgerConsistent(app.databaseUrl);
  return prompts;
}

describe("embedded runner: app + worker process on one database", () => {
  let app: App;
  let up: VideoUpstream;
  let worker: WorkerProc;
  beforeAll(async () => {
    up = await startVideoUpstream({ apiKey: KEY });
    app = await startApp(BASE);
    await createTaskModel(app, {
      kind: "openaiLike",
      baseURL: up.url,
      apiKey: KEY,
      slug: "emb-video",
      upstreamModel: "sora-2",
    });
    worker = startWorker(app, BASE);
    await waitForLog(worker.logs, "task worker ready");
  });
  afterAll(async () => {
    await worker?.stop();
    await app?.stop();
    await up?.stop();
  });

  it("40 tasks, two claimers: each submitted, downloaded and finished exactly once", async () => {
    await runBatch(app, up, "emb");
    const byApp = finishedLines(app.logs()).length;
    const byWorker = finishedLines(worker.logs()).length;
    expect(byApp + byWorker).toBe(40);
    expect(byWorker).toBeGreaterThan(0);
    expect(byApp).toBeGreaterThan(0);
  });
});

/** Views `path` anonymously until it is answered from the page cache. */
async function kept(on: App, path: string) {
  await fetch(on.url + path).then((r) => r.text());
  const again = await fetch(on.url + path);
  await again.text();
  expect(again.headers.get("x-page-cache"), `${path} is kept`).toBe("hit");
}

/** Whether `path` shows `text` within 2 s (pages are kept for 60 s: only a broadcast is that quick). */
async function shows(on: App, path: string, text: string): Promise<boolean> {
  const deadline = Date.now() + 2_000;
  for (;;) {
    if ((await fetch(on.url + path).then((r) => r.text())).includes(text)) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const hasRedis = (() => {
  try {
    execFileSync("redis-server", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe.runIf(hasRedis)("BullMQ: the app submits, two worker processes work", () => {
  let app: App;
  let up: VideoUpstream;
  let redis: ChildProcess;
  // A second web instance on the same database and media folder.
  let peer: App;
  const workers: WorkerProc[] = [];
  beforeAll(async () => {
    const port = await freePort();
    redis = spawn("redis-server", ["--port", String(port), "--save", "", "--appendonly", "no"], {
      stdio: "ignore",
    });
    const env = { ...BASE, TASK_LEASE_MS: "1500", REDIS_URL: `redis://127.0.0.1:${port}` };
    up = await startVideoUpstream({ apiKey: KEY });
    // Pages kept for a minute: only the broadcast can make a worker's write show sooner.
    app = await startApp({ ...env, TASK_WORKER: "0", PAGE_CACHE_SECONDS: "60" });
    await createTaskModel(app, {
      kind: "openaiLike",
      baseURL: up.url,
      apiKey: KEY,
      slug: "mq-video",
      upstreamModel: "sora-2",
    });
    peer = await startApp(
      { ...env, TASK_WORKER: "0", PAGE_CACHE_SECONDS: "60", DATABASE_URL: app.databaseUrl },
      { dataDir: app.dataDir },
    );
    for (let i = 0; i < 2; i++) workers.push(startWorker(app, env));
    for (const w of workers) await waitForLog(w.logs, "task worker ready");
  });
  afterAll(async () => {
    for (const w of workers) await w.stop();
    await peer?.stop();
    await app?.stop();
    await up?.stop();
    redis?.kill();
  });

  it("40 tasks through the queue: each run once, spread over the workers, none by the app", async () => {
    await runBatch(app, up, "mq");
    expect(finishedLines(app.logs())).toHaveLength(0);
    const counts = workers.map((w) => finishedLines(w.logs()).length);
    expect(counts[0] + counts[1]).toBe(40);
    expect(counts.every((c) => c > 0)).toBe(true);
    expect(workers[0].logs()).toContain('"mode":"bullmq"');
  });

  it("a work a worker stores shows at once on the web instance's kept pages (Redis)", async () => {
    const user = await app.register();
    await grantCredits(app, user.id, 200);
    await kept(app, "/?sort=new&type=video");
    const res = await api(app, user.token)("/v1/videos", {
      body: { model: "mq-video", prompt: "队列里的灯塔", persist: true, title: "队列灯塔" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await waitTask(app, user.token, res.body.id)).status).toBe("completed");
    // The worker announces after its commit; the web instance drops its kept pages and
    // gallery reads on the message, well within the page TTL (60 s) and the data cache's (5 s).
    expect(await shows(app, "/?sort=new&type=video", "队列灯塔")).toBe(true);
  });

  it("another web instance's work and announcement show at once on this one's kept pages", async () => {
    const user = await app.register();
    await grantCredits(app, user.id, 200);
    await kept(peer, "/?sort=new");
    const gen = await api(app, user.token)("/api/ai/images/generations", {
      body: { model: "mock-image", prompt: "另一台实例", persist: true, title: "邻居的灯塔" },
    });
    expect(gen.status, JSON.stringify(gen.body)).toBe(200);
    expect(await shows(peer, "/?sort=new", "邻居的灯塔")).toBe(true);

    await kept(peer, "/explore");
    const admin = await app.adminToken();
    const set = (announcement: string) =>
      api(app, admin)("/api/admin/settings", { method: "PATCH", body: { announcement } });
    expect((await set("邻居公告：今晚维护")).status).toBe(200);
    expect(await shows(peer, "/explore", "邻居公告：今晚维护")).toBe(true);
    await set("");
  });

  it("a worker killed mid-task: its tasks are taken over once its lease lapses", async () => {
    const before = workers.map((w) => finishedLines(w.logs()).length);
    await runBatch(app, up, "mqkill", 20, {
      model: "mq-video",
      whileRunning: async () => {
        await new Promise((r) => setTimeout(r, 150));
        await workers[0].kill9();
      },
    });
    const tasks = await api(
      app,
      await app.adminToken(),
    )("/api/admin/tasks?model=mq-video&limit=100");
    const batch = (tasks.body.items as { status: string; input: { prompt: string } }[]).filter(
      (t) => t.input.prompt.startsWith("mqkill"),
    );
    expect(batch).toHaveLength(20);
    expect(batch.every((t) => t.status === "completed")).toBe(true);
    expect(finishedLines(workers[1].logs()).length).toBeGreaterThan(before[1]);
  });
});
