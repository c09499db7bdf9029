// `npm run bench` (third part; BENCH_ONLY=pages runs only this): the public pages on the
// production app (SQLite) with the demo gallery plus BENCH_WORKS (default 100,000) generated works
// spread over 200 tags and 8 models. For GET /, /explore and /explore filtered by a tag, a model
// and a type: HTML size, then closed-loop load on BENCH_PAGE_CONNECTIONS (default 16) keep-alive
// connections for BENCH_SECONDS: p50/p95, req/s and the app's CPU per page.
//
// A "view" is what a browser asks for: the page, then GET /api/me with the ids of the cards on it
// (the Topbar's and the hearts' client island, src/lib/client/viewer.ts), one after the other;
// its latency and CPU are those of both.
//
// Then renders: / and /explore with the page cache bypassed (an extra query parameter: the cost
// of the one render per PAGE_CACHE_SECONDS and filter) and a one-line Next.js page
// (bench/next-floor, built and started here), in 1 s slices taken in turn over
// BENCH_RENDER_ROUNDS (default 6) rounds: what a render costs Next.js itself on this machine, and
// how much of ours is the gallery's own. Each is first warmed up with BENCH_RENDER_WARMUP (default
// 3,000) renders; the CPU of the first 300 after start is printed too.
//
//   BENCH_WORKS=100000 BENCH_PAGE_CONNECTIONS=16 BENCH_SECONDS=5 BENCH_ONLY=pages npm run bench
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
// @ts-expect-error — plain ESM helper without types
import { ensureBuild, nextBin, root, serverEnv } from "../scripts/lib.mjs";
import { webSession } from "../tests/helpers/web-session";
import { BENCH_ADMIN, freePort, pct, proc, startBenchApp, waitUntilUp } from "./lib";

const WORKS = Number(process.env.BENCH_WORKS ?? 100_000);
const CONNECTIONS = Number(process.env.BENCH_PAGE_CONNECTIONS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const RENDER_ROUNDS = Number(process.env.BENCH_RENDER_ROUNDS ?? 6);
const RENDER_WARMUP = Number(process.env.BENCH_RENDER_WARMUP ?? 3000);
const COLD = 300;
const TAGS = Array.from({ length: 200 }, (_, i) => `标签${i}`);
const MODELS = Array.from({ length: 8 }, (_, i) => `Bench Model ${i}`);

/** Copies of the demo works (their media exist) under new ids, tags, models and dates. */
function seedWorks(dbFile: string, n: number) {
  const db = new Database(dbFile);
  db.pragma("busy_timeout = 10000");
  const demo = db.prepare(`select * from assets`).all() as Record<string, unknown>[];
  if (!demo.length) throw new Error("the demo gallery was not seeded");
  const cols = Object.keys(demo[0]);
  const insert = db.prepare(
    `insert into assets (${cols.map((c) => `"${c}"`).join(",")}) values (${cols.map((c) => `@${c}`).join(",")})`,
  );
  const tag = db.prepare(`insert into asset_tags ("assetId", "tag") values (?, ?)`);
  const now = Date.now();
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const base = demo[i % demo.length];
      const tags = [TAGS[i % TAGS.length], TAGS[(i * 7 + 3) % TAGS.length]];
      const id = `bench-${String(i).padStart(6, "0")}`;
      insert.run({
        ...base,
        id,
        title: `基准作品 ${i}`,
        modelTag: MODELS[i % MODELS.length],
        tags: JSON.stringify(tags),
        views: i % 1000,
        likes: i % 97,
        hotScore: (i % 9973) / 10,
        createdAt: new Date(now - i * 60_000).toISOString(),
      });
      for (const t of tags) tag.run(id, t);
    }
  })();
  db.close();
}

async function get(
  agent: http.Agent,
  url: URL,
  headers: Record<string, string>,
  keep = false,
): Promise<{ status: number; ms: number; bytes: number; text: string }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let bytes = 0;
    const chunks: Buffer[] = [];
    const req = http.get(
      { agent, host: url.hostname, port: url.port, path: url.pathname + url.search, headers },
      (res) => {
        res.on("data", (d: Buffer) => {
          bytes += d.length;
          if (keep) chunks.push(d);
        });
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            ms: performance.now() - t0,
            bytes,
            text: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on("error", () => resolve({ status: 0, ms: performance.now() - t0, bytes, text: "" }));
  });
}

type Row = { path: string; headers?: Record<string, string>; view?: boolean; label?: string };

const HEADER =
  "page                                         |    HTML KB |      p50 |      p95 |  req/s | CPU ms/page | errors";

type Load = { seconds: number; cpuMs: number; errors: number; latencies: number[] };

/**
 * CONNECTIONS closed loops of GET `url` (then `me`, for a view) for `seconds`, and the CPU the
 * server (process `pid`) spent meanwhile.
 */
async function closedLoop(
  agent: http.Agent,
  pid: number | undefined,
  url: URL,
  headers: Record<string, string>,
  me: URL | null,
  seconds: number,
): Promise<Load> {
  const latencies: number[] = [];
  let errors = 0;
  const cpu0 = proc(pid).cpuMs;
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const r = await get(agent, url, headers);
        const r2 = me ? await get(agent, me, headers) : { status: 200, ms: 0 };
        if (r.status === 200 && r2.status === 200) latencies.push(r.ms + r2.ms);
        else errors++;
      }
    }),
  );
  return {
    seconds: (performance.now() - started) / 1000,
    cpuMs: proc(pid).cpuMs - cpu0,
    errors,
    latencies,
  };
}

/** One printed row: size, p50/p95, req/s, CPU per page (or per view), errors. */
function printRow(label: string, bytes: number, load: Load) {
  const { latencies, seconds, cpuMs, errors } = load;
  latencies.sort((a, b) => a - b);
  const cpu = cpuMs / Math.max(1, latencies.length);
  console.log(
    `${label.slice(0, 44).padEnd(44)} | ${(bytes / 1024).toFixed(1).padStart(10)} | ${pct(latencies, 50).toFixed(2).padStart(8)} | ${pct(latencies, 95).toFixed(2).padStart(8)} | ${(latencies.length / seconds).toFixed(0).padStart(6)} | ${cpu.toFixed(2).padStart(11)} | ${errors}`,
  );
}

/** Load on one page of the server at `base` (process `pid`) for SECONDS; prints its row. */
async function loadPage(base: string, pid: number | undefined, row: Row) {
  const { path: p, headers = {}, view, label } = row;
  const url = new URL(base + p);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  // Cold: fills the caches a real visitor would, and gives the ids /api/me is asked about.
  const first = await get(agent, url, headers, true);
  const ids = [...first.text.matchAll(/data-asset-id="([^"]+)"/g)].map((m) => m[1]);
  const me = new URL(`${base}/api/me?${new URLSearchParams({ favored: ids.join(",") })}`);
  const load = await closedLoop(agent, pid, url, headers, view ? me : null, SECONDS);
  agent.destroy();
  printRow(
    label ??
      `${headers.cookie ? "signed in " : ""}${decodeURIComponent(p)}${view ? " (view)" : ""}`,
    first.bytes,
    load,
  );
}

type RenderTarget = { label: string; url: URL; pid: number | undefined };

/** CPU ms per render of `n` renders of `url` on CONNECTIONS connections. */
async function rendersCpu(agent: http.Agent, pid: number | undefined, url: URL, n: number) {
  const cpu0 = proc(pid).cpuMs;
  let left = n;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (left-- > 0) await get(agent, url, {});
    }),
  );
  return (proc(pid).cpuMs - cpu0) / n;
}

/**
 * Renders of each target in turn, in 1 s slices over RENDER_ROUNDS rounds (each round starting
 * with the next target), so that the machine's drift falls on all of them alike; one row each.
 */
async function interleavedRenders(targets: RenderTarget[]) {
  const agents = targets.map(() => new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS }));
  const bytes: number[] = [];
  const cold: string[] = [];
  for (const [i, t] of targets.entries()) {
    bytes.push((await get(agents[i], t.url, {})).bytes);
    // Warm-up: a render runs a lot of code that V8 compiles as it goes. Its CPU falls from ~7 to
    // under 3 ms over the first ~2,000 renders after start, and the floor's from ~4.5 to ~1.2.
    cold.push(`${t.label} ${(await rendersCpu(agents[i], t.pid, t.url, COLD)).toFixed(2)}`);
    await rendersCpu(agents[i], t.pid, t.url, RENDER_WARMUP - COLD);
  }
  console.log(
    `CPU ms per render of the first ${COLD} after start, of ${RENDER_WARMUP.toLocaleString("en")} ` +
      `warm-up renders each: ${cold.join(", ")}\n${HEADER}`,
  );
  const totals: Load[] = targets.map(() => ({ seconds: 0, cpuMs: 0, errors: 0, latencies: [] }));
  for (let round = 0; round < RENDER_ROUNDS; round++) {
    for (let k = 0; k < targets.length; k++) {
      const i = (round + k) % targets.length;
      const load = await closedLoop(agents[i], targets[i].pid, targets[i].url, {}, null, 1);
      totals[i].seconds += load.seconds;
      totals[i].cpuMs += load.cpuMs;
      totals[i].errors += load.errors;
      totals[i].latencies.push(...load.latencies);
    }
  }
  for (const agent of agents) agent.destroy();
  for (const [i, t] of targets.entries()) printRow(t.label, bytes[i], totals[i]);
  return totals.map((t) => t.cpuMs / Math.max(1, t.latencies.length));
}

/** bench/next-floor built (a few seconds) and started with `next start` on a free port. */
async function startNextFloor(): Promise<{ url: string; child: ChildProcess }> {
  const dir = path.join(root, "bench/next-floor");
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/root",
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production" as const,
  };
  const build = spawnSync(process.execPath, [nextBin, "build", dir], {
    cwd: root,
    env,
    encoding: "utf8",
  });
  if (build.status !== 0)
    throw new Error(`bench/next-floor did not build:\n${build.stdout}${build.stderr}`);
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [nextBin, "start", dir, "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...env, ...serverEnv() },
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp(url, child, "bench/next-floor");
  return { url, child };
}

async function main() {
  if (process.env.BENCH_ONLY && process.env.BENCH_ONLY !== "pages") return;
  if ((await ensureBuild()) !== 0) process.exit(1);
  const app = await startBenchApp("pages", {
    env: { ADMIN_EMAIL: BENCH_ADMIN.email, ADMIN_PASSWORD: BENCH_ADMIN.password },
  });
  try {
    const t0 = performance.now();
    seedWorks(app.dbFile, WORKS);
    console.log(
      `\npages: ${WORKS.toLocaleString("en")} works seeded in ${((performance.now() - t0) / 1000).toFixed(1)}s; ` +
        `${CONNECTIONS} connections, ${SECONDS}s per page; load average ${os.loadavg()[0].toFixed(2)}\n`,
    );
    // Anonymous views are answered from the page cache (scripts/page-cache.mjs) once rendered;
    // a signed-in view is rendered every time, so those rows are the cost of a render.
    const session = await webSession(app.url, BENCH_ADMIN.email, BENCH_ADMIN.password);
    if (!session) throw new Error("the bench admin could not sign in");
    const signedIn = { cookie: session };
    const tag = `/explore?tag=${encodeURIComponent(TAGS[5])}`;
    const rows: Row[] = [
      { path: "/", view: true },
      { path: "/explore", view: true },
      { path: tag, view: true },
      { path: `/explore?model=${encodeURIComponent(MODELS[3])}&type=image`, view: true },
      { path: "/", headers: signedIn, view: true },
      { path: "/explore", headers: signedIn, view: true },
      { path: tag, headers: signedIn, view: true },
      { path: "/api/assets?limit=24" },
    ];
    console.log(HEADER);
    for (const row of rows) await loadPage(app.url, app.child.pid, row);
    // A render against what Next.js alone costs per render on this machine, interleaved.
    const floor = await startNextFloor();
    try {
      console.log(
        `\nrenders, interleaved in 1 s slices over ${RENDER_ROUNDS} rounds: the app's feed pages ` +
          `(cache bypassed) and a one-line Next.js page (bench/next-floor)`,
      );
      const [home, explore, next] = await interleavedRenders([
        { label: "/ rendered", url: new URL(`${app.url}/?render=1`), pid: app.child.pid },
        {
          label: "/explore rendered",
          url: new URL(`${app.url}/explore?render=1`),
          pid: app.child.pid,
        },
        { label: "Next.js floor: a one-line page", url: new URL(floor.url), pid: floor.child.pid },
      ]);
      console.log(
        `Next.js renders a one-line page in ${next.toFixed(2)} ms of CPU here; of a render of / ` +
          `and /explore, ${(home - next).toFixed(2)} and ${(explore - next).toFixed(2)} ms are the ` +
          `gallery's own (×${(home / next).toFixed(2)} and ×${(explore / next).toFixed(2)} the floor)`,
      );
    } finally {
      floor.child.kill("SIGTERM");
    }
  } finally {
    app.child.kill("SIGTERM");
    fs.rmSync(app.dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
