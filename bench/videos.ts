// `npm run bench` (second part; BENCH_ONLY=videos runs only this): 1,000 video tasks on the
// built-in mock provider against the production app (SQLite, embedded runner, billing on).
// Reports submit latency (p50/p95), the lag from the provider finishing a video to our task
// being completed with its files stored (p50/p95), how many tasks per second the runner
// finishes, the app's CPU per task and its RSS growth.
//
//   BENCH_VIDEO_TASKS=1000 BENCH_VIDEO_CONNECTIONS=32 BENCH_VIDEO_MS=3000 npm run bench
import fs from "node:fs";
import http from "node:http";
import Database from "better-sqlite3";
// @ts-expect-error — plain ESM helper without types
import { ensureBuild } from "../scripts/lib.mjs";
import { BENCH_ADMIN, json, pct, proc, startBenchApp } from "./lib";

const TASKS = Number(process.env.BENCH_VIDEO_TASKS ?? 1000);
const CONNECTIONS = Number(process.env.BENCH_VIDEO_CONNECTIONS ?? 32);
const VIDEO_MS = Number(process.env.BENCH_VIDEO_MS ?? 3000);
const ADMIN = BENCH_ADMIN;
// A few distinct clips: the mock renders each once and serves it to every job that shows it.
const PROMPTS = ["基准测试：海边的日落", "benchmark: a city at night"];

function post(
  agent: http.Agent,
  url: URL,
  token: string,
  body: string,
): Promise<{ status: number; ms: number }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
      },
    );
    req.on("error", () => resolve({ status: 0, ms: performance.now() - t0 }));
    req.end(body);
  });
}

/** The app's own memory view (prom-client default metrics): JS heap used and external, MB. */
async function heap(base: string, token: string): Promise<string> {
  const text = await (
    await fetch(`${base}/api/metrics`, { headers: { authorization: `Bearer ${token}` } })
  ).text();
  const get = (name: string) =>
    Number(new RegExp(`^${name} (\\S+)`, "m").exec(text)?.[1] ?? NaN) / 1048576;
  return `heap used ${get("nodejs_heap_size_used_bytes").toFixed(0)} MB, external ${get("nodejs_external_memory_bytes").toFixed(0)} MB`;
}

async function main() {
  if (process.env.BENCH_ONLY && process.env.BENCH_ONLY !== "videos") return;
  if ((await ensureBuild()) !== 0) process.exit(1);
  const app = await startBenchApp("video", {
    env: {
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      SEED_DEMO: "0",
      MOCK_VIDEO_MS: String(VIDEO_MS),
    },
  });
  try {
    const admin = (await json(app.url, "/api/auth/token", ADMIN)).token as string;
    const users: string[] = [];
    for (let i = 0; i < 10; i++) {
      const email = `bench-video-${i}-${Date.now()}@bench.local`;
      const user = (
        await json(app.url, "/api/auth/register", { email, password: "bench-password" })
      ).user as { id: string };
      await json(
        app.url,
        "/api/credits/grant",
        { userId: user.id, delta: 1_000_000, reason: "bench" },
        admin,
      );
      users.push(
        (await json(app.url, "/api/auth/token", { email, password: "bench-password" }))
          .token as string,
      );
    }
    // Warm the route, the mock's renders and the runner before measuring.
    for (const prompt of PROMPTS)
      await json(app.url, "/v1/videos", { model: "mock-video", prompt }, users[0]);
    await waitDone(app.dbFile, 1, 120_000);

    const heapBefore = await heap(app.url, admin);
    const before = proc(app.child.pid);
    let peakRss = before.rssMb;
    const sampler = setInterval(
      () => (peakRss = Math.max(peakRss, proc(app.child.pid).rssMb)),
      200,
    );
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    const url = new URL(`${app.url}/v1/videos`);
    const latencies: number[] = [];
    let errors = 0;
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        for (let i = next++; i < TASKS; i = next++) {
          const body = JSON.stringify({ model: "mock-video", prompt: PROMPTS[i % PROMPTS.length] });
          const r = await post(agent, url, users[i % users.length], body);
          if (r.status === 200) latencies.push(r.ms);
          else errors++;
        }
      }),
    );
    const submitSeconds = (performance.now() - t0) / 1000;
    agent.destroy();
    await waitDone(app.dbFile, 0, 600_000);
    clearInterval(sampler);
    const after = proc(app.child.pid);
    const heapAfter = await heap(app.url, admin);

    const db = new Database(app.dbFile, { readonly: true });
    const rows = db
      .prepare(
        `select status, "upstreamDoneAt" as up, "finishedAt" as fin from tasks where kind = 'video.generate' order by "createdAt" desc limit ?`,
      )
      .all(TASKS) as { status: string; up: string | null; fin: string }[];
    const ledger = db
      .prepare(
        `select (select sum(credits) from users) as credits,
                (select sum(delta) from credit_transactions where status in ('pending','success')) as ledger,
                (select count(*) from credit_transactions where status = 'pending') as pending`,
      )
      .get() as { credits: number; ledger: number; pending: number };
    db.close();
    const completed = rows.filter((r) => r.status === "completed");
    const lags = completed
      .filter((r) => r.up)
      .map((r) => Date.parse(r.fin) - Date.parse(r.up!))
      .sort((a, b) => a - b);
    const firstDone = Math.min(...completed.map((r) => Date.parse(r.up ?? r.fin)));
    const lastFinished = Math.max(...completed.map((r) => Date.parse(r.fin)));
    latencies.sort((a, b) => a - b);

    console.log(
      `\nvideo tasks on the built-in mock: ${TASKS} submitted over ${CONNECTIONS} connections, clips of ${VIDEO_MS} ms`,
    );
    console.log(
      `submit       p50 ${pct(latencies, 50).toFixed(2)} ms  p95 ${pct(latencies, 95).toFixed(2)} ms  (${errors} errors, ${(TASKS / submitSeconds).toFixed(0)} submits/s)`,
    );
    console.log(
      `completion lag (provider done → our completed, files stored)  p50 ${pct(lags, 50).toFixed(0)} ms  p95 ${pct(lags, 95).toFixed(0)} ms`,
    );
    console.log(
      `runner: ${completed.length}/${rows.length} completed, ${(completed.length / Math.max(0.001, (lastFinished - firstDone) / 1000)).toFixed(1)} tasks/s from the first provider completion to the last task stored`,
    );
    console.log(
      `app CPU per task (submit + polls + storing + the mock provider itself): ${((after.cpuMs - before.cpuMs) / TASKS).toFixed(2)} ms`,
    );
    console.log(
      `app RSS: ${before.rssMb.toFixed(0)} MB before, peak ${peakRss.toFixed(0)} MB, after ${after.rssMb.toFixed(0)} MB (growth ${(peakRss - before.rssMb).toFixed(0)} MB)`,
    );
    console.log(`app memory: before ${heapBefore}; after ${heapAfter}`);
    console.log(
      `ledger: Σ balances ${ledger.credits} = Σ live ledger ${ledger.ledger}; pending holds ${ledger.pending}`,
    );
  } finally {
    app.child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    fs.rmSync(app.dataDir, { recursive: true, force: true });
  }
}

/** Waits until at most `left` tasks are live. */
async function waitDone(dbFile: string, left: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  const db = new Database(dbFile, { readonly: true });
  try {
    for (;;) {
      const { n } = db
        .prepare(`select count(*) as n from tasks where status in ('queued','in_progress')`)
        .get() as { n: number };
      if (n <= left) return;
      if (Date.now() > deadline) throw new Error(`${n} tasks still live`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    db.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
