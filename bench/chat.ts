// `npm run bench`: the chat gateway's overhead, side by side with Portkey's open-source gateway.
// One mock upstream (in its own process, bench/upstream.ts), the production app (billing on, a
// user with plenty of credits) and `@portkey-ai/gateway` (no billing, no auth, no database) run
// on this machine; the same non-stream chat request goes to the upstream directly, through the
// app and through Portkey, at 1 and 64 connections, interleaved over BENCH_ROUNDS rounds; the
// table shows medians. Added latency = via gateway − direct. CPU per request and RSS come from
// /proc of each server process.
// Streams: time to the first content chunk, all three ways.
//
//   BENCH_SECONDS=5 BENCH_ROUNDS=3 BENCH_CONNECTIONS=1,64 npm run bench
//   BENCH_DB=postgres runs the app on a throw-away PostgreSQL cluster instead of SQLite.
//   BENCH_ONLY=chat (or videos, see bench/videos.ts) runs one part.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
// @ts-expect-error — plain ESM helper without types
import { ensureBuild, root } from "../scripts/lib.mjs";
import {
  BENCH_ADMIN,
  freePort,
  pct,
  proc,
  startBenchApp,
  startUpstreamProcess,
  waitUntilUp,
} from "./lib";
import { load, MESSAGES, postTo, setUpChat, type Target } from "./chat-load";
import { startPgCluster } from "../tests/helpers/pg";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PG = process.env.BENCH_DB === "postgres";
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? "1,64").split(",").map(Number);
const ADMIN = BENCH_ADMIN;
/** How long "idle" is: past the server's 30 s quiet window and its two collections. */
const IDLE_WAIT_MS = 35_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Milliseconds from sending a stream request to the first content chunk. */
async function firstChunk(target: Target, samples: number): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const options = postTo(agent, target); // built once, not per request
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    out.push(
      await new Promise<number>((resolve, reject) => {
        const t0 = performance.now();
        let first = 0;
        const req = http.request(options, (res) => {
          let buf = "";
          res.on("data", (d: Buffer) => {
            buf += d.toString();
            if (!first && /"content":"[^"]/.test(buf)) first = performance.now() - t0;
          });
          res.on("end", () =>
            res.statusCode === 200 ? resolve(first) : reject(new Error(`status ${res.statusCode}`)),
          );
        });
        req.on("error", reject);
        req.end(target.body);
      }),
    );
  }
  agent.destroy();
  return out.sort((a, b) => a - b);
}

/** Portkey's gateway (dev dependency) in headless mode; `--port` picks where it listens. */
async function startPortkey(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      path.join(root, "node_modules/@portkey-ai/gateway/build/start-server.js"),
      `--port=${port}`,
      "--headless",
    ],
    {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
      // Nothing of ours but PATH (the app's env typing requires NODE_ENV, which Portkey lacks).
      env: { PATH: process.env.PATH ?? "" } as unknown as NodeJS.ProcessEnv,
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp(url, child, "portkey");
  return { url, child };
}

const ms = (n: number) => n.toFixed(2).padStart(8);
const median = (xs: number[]) => {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};

type Sample = { p50: number; p95: number; rps: number; cpu: number; errors: number };

async function main() {
  if (process.env.BENCH_ONLY && process.env.BENCH_ONLY !== "chat") return;
  if ((await ensureBuild()) !== 0) process.exit(1);
  const up = await startUpstreamProcess();
  let pg: ReturnType<typeof startPgCluster> | undefined;
  let databaseUrl: string | undefined;
  if (PG) {
    pg = startPgCluster(await freePort());
    pg.createDatabase("bench");
    databaseUrl = pg.url("bench");
  }
  const app = await startBenchApp("chat", {
    databaseUrl,
    env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, SEED_DEMO: "0" },
  });
  const portkey = await startPortkey();
  try {
    const { admin, token, viaApp } = await setUpChat(app.url, up.url);

    const upstreamBody = JSON.stringify({ model: "gpt-4o-mini", messages: MESSAGES });
    const direct: Target = { url: `${up.url}/chat/completions`, headers: {}, body: upstreamBody };
    const viaPortkey: Target = {
      url: `${portkey.url}/v1/chat/completions`,
      headers: {
        authorization: "Bearer sk-bench",
        "x-portkey-provider": "openai",
        "x-portkey-custom-host": up.url,
      },
      body: upstreamBody,
    };

    // Warm every path (JIT, tokenizer tables, caches) before measuring.
    await load(viaApp, 8, 3);
    await load(viaPortkey, 8, 3);
    await load(direct, 8, 1);
    up.reset();
    // Idle memory: both servers after IDLE_WAIT_MS without a request (ours collects the warm-up's
    // garbage once it has been quiet for 30 s: scripts/idle-gc.mjs). Then warm again: that
    // collection makes the next few seconds of calls slower, and the rows below are warm figures.
    await sleep(IDLE_WAIT_MS);
    const idle = { app: proc(app.child.pid).rssMb, portkey: proc(portkey.child.pid).rssMb };
    await load(viaApp, 8, 3);
    await load(viaPortkey, 8, 3);
    up.reset();

    const busy = os.loadavg()[0];
    console.log(
      `\nnon-stream chat on ${PG ? "PostgreSQL" : "SQLite"}: ${ROUNDS} interleaved rounds of ${SECONDS}s per path and ` +
        `connection count; medians. Load average before: ${busy.toFixed(2)} (${os.cpus().length} cores)\n`,
    );
    const samples = new Map<string, Sample[]>();
    const add = (k: string, s: Sample) => samples.set(k, [...(samples.get(k) ?? []), s]);
    const measure = async (t: Target, pid: number | undefined): Promise<Sample> => {
      const c0 = proc(pid).cpuMs;
      const r = await loadOnce(t);
      up.reset();
      return {
        p50: r.p50,
        p95: r.p95,
        rps: r.rps,
        cpu: (proc(pid).cpuMs - c0) / Math.max(1, r.requests),
        errors: r.errors,
      };
    };
    let conns = 1;
    const loadOnce = (t: Target) => load(t, conns, SECONDS);
    for (let round = 0; round < ROUNDS; round++) {
      for (const c of CONNECTIONS) {
        conns = c;
        // Rotate the order each round so no path always runs right after another's GC debt.
        const order = [
          ["direct", direct, undefined],
          ["app", viaApp, app.child.pid],
          ["portkey", viaPortkey, portkey.child.pid],
        ] as const;
        for (let i = 0; i < order.length; i++) {
          const [name, t, pid] = order[(i + round) % order.length];
          add(`${name}:${c}`, await measure(t, pid));
        }
      }
    }
    const med = (k: string, f: keyof Sample) => median((samples.get(k) ?? []).map((s) => s[f]));
    const errs = (k: string) => (samples.get(k) ?? []).reduce((n, s) => n + s.errors, 0);
    const lo = CONNECTIONS[0];
    const hi = CONNECTIONS.at(-1)!;
    const row = (label: string, k: string, pid: number | undefined, idleMb: number) => {
      const added50 = k === "direct" ? 0 : med(`${k}:${lo}`, "p50") - med(`direct:${lo}`, "p50");
      const added95 = k === "direct" ? 0 : med(`${k}:${lo}`, "p95") - med(`direct:${lo}`, "p95");
      const m = proc(pid);
      return {
        label,
        added50,
        added95,
        rps: med(`${k}:${hi}`, "rps"),
        cpu: med(`${k}:${lo}`, "cpu"),
        cpuHi: med(`${k}:${hi}`, "cpu"),
        idleMb,
        peakMb: m.peakMb,
        errors: CONNECTIONS.reduce((n, c) => n + errs(`${k}:${c}`), 0),
      };
    };
    const ours = row("AIGC Studio (billed)", "app", app.child.pid, idle.app);
    const theirs = row("Portkey 1.15.2 (unbilled)", "portkey", portkey.child.pid, idle.portkey);
    console.log(
      `direct upstream: p50 ${med(`direct:${lo}`, "p50").toFixed(2)} ms, p95 ${med(`direct:${lo}`, "p95").toFixed(2)} ms at ${lo} conn; ${med(`direct:${hi}`, "rps").toFixed(0)} req/s at ${hi}\n`,
    );
    console.log(
      `gateway                    | p50 added | p95 added | req/s @${String(hi).padEnd(3)}| CPU ms/req | RSS idle | RSS peak | errors`,
    );
    for (const r of [ours, theirs])
      console.log(
        `${r.label.padEnd(26)} | ${ms(r.added50)}  | ${ms(r.added95)}  | ${r.rps.toFixed(0).padStart(8)} | ${ms(r.cpuHi)}   | ${r.idleMb.toFixed(0).padStart(5)} MB | ${r.peakMb.toFixed(0).padStart(5)} MB | ${r.errors}`,
      );
    const ratio = (a: number, b: number) => (a / b).toFixed(2).padStart(8);
    console.log(
      `ours / Portkey             | ${ratio(ours.added50, theirs.added50)}  | ${ratio(ours.added95, theirs.added95)}  | ${ratio(ours.rps, theirs.rps)} | ${ratio(ours.cpuHi, theirs.cpuHi)}   | ${ratio(ours.idleMb, theirs.idleMb)}    | ${ratio(ours.peakMb, theirs.peakMb)}    |`,
    );
    console.log(
      `(CPU per request at ${lo} conn: ours ${ours.cpu.toFixed(2)}, Portkey ${theirs.cpu.toFixed(2)}; ` +
        `per-round CPU ms/req at ${hi}: ours ${(samples.get(`app:${hi}`) ?? []).map((s) => s.cpu.toFixed(2)).join(" ")}, ` +
        `Portkey ${(samples.get(`portkey:${hi}`) ?? []).map((s) => s.cpu.toFixed(2)).join(" ")})`,
    );

    const streamBody = (model: string) =>
      JSON.stringify({ model, messages: MESSAGES, stream: true });
    const ttf = { direct: [] as number[], app: [] as number[], portkey: [] as number[] };
    // The stream path is code the non-stream load never ran: warmed as that was, or its first
    // few hundred requests (half-compiled) would be most of the sample.
    await load({ ...viaApp, body: streamBody("bench-chat") }, 8, 3);
    await load({ ...viaPortkey, body: streamBody("gpt-4o-mini") }, 8, 3);
    await load({ ...direct, body: streamBody("gpt-4o-mini") }, 8, 1);
    up.reset();
    for (let round = 0; round < ROUNDS; round++) {
      ttf.direct.push(...(await firstChunk({ ...direct, body: streamBody("gpt-4o-mini") }, 70)));
      ttf.app.push(...(await firstChunk({ ...viaApp, body: streamBody("bench-chat") }, 70)));
      ttf.portkey.push(
        ...(await firstChunk({ ...viaPortkey, body: streamBody("gpt-4o-mini") }, 70)),
      );
      up.reset();
    }
    for (const k of Object.values(ttf)) k.sort((a, b) => a - b);
    console.log(
      `\nstream time to first content chunk, ${ROUNDS * 70} sequential requests per path (ms)`,
    );
    for (const [k, v] of Object.entries(ttf))
      console.log(
        `${k.padEnd(8)} p50 ${ms(pct(v, 50))}  p95 ${ms(pct(v, 95))}` +
          (k === "direct" ? "" : `   added p50 ${ms(pct(v, 50) - pct(ttf.direct, 50))}`),
      );

    const bal = await fetch(`${app.url}/api/credits/balance`, {
      headers: { authorization: `Bearer ${token}` },
    }).then((r) => r.json());
    // How many ledger writes each commit carried (db/group-commit.ts), from the app's metrics.
    const metrics = await fetch(`${app.url}/api/metrics`, {
      headers: { authorization: `Bearer ${admin}` },
    }).then((r) => r.text());
    const counter = (name: string) => Number(new RegExp(`^${name} (\\d+)`, "m").exec(metrics)?.[1]);
    const writes = counter("aigc_ledger_writes_total");
    const commits = counter("aigc_ledger_commits_total");
    console.log(
      `\nbilled: ${1_000_000_000 - (bal as { credits: number }).credits} credits charged to the bench user; ` +
        `${writes.toLocaleString("en")} ledger writes in ${commits.toLocaleString("en")} commits ` +
        `(${(writes / commits).toFixed(2)} per commit); load average after: ${os.loadavg()[0].toFixed(2)}`,
    );
    // And once the load is over: does the memory come back?
    await sleep(IDLE_WAIT_MS);
    console.log(
      `RSS ${IDLE_WAIT_MS / 1000} s after the last request: ours ${proc(app.child.pid).rssMb.toFixed(0)} MB, ` +
        `Portkey ${proc(portkey.child.pid).rssMb.toFixed(0)} MB`,
    );
  } finally {
    app.child.kill("SIGTERM");
    portkey.child.kill("SIGTERM");
    up.stop();
    pg?.stop();
    fs.rmSync(app.dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
