// `npm run bench`: the chat gateway's overhead. One mock upstream and the production app (SQLite,
// billing on, a user with plenty of credits) run on this machine; the same non-stream chat
// request goes to the upstream directly and through the app, at 1 and 64 connections, and the
// difference is the gateway's cost. Streams: time to the first content chunk, both ways.
//
//   BENCH_SECONDS=10 BENCH_CONNECTIONS=1,64 npm run bench
//   BENCH_ONLY=chat (or videos, see bench/videos.ts) runs one part.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
// @ts-expect-error — plain ESM helper without types
import { ensureBuild, nextBin, root } from "../scripts/lib.mjs";
import { startMockUpstream } from "../tests/mocks/openai-server";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? "1,64").split(",").map(Number);
const ADMIN = { email: "bench-admin@bench.local", password: "bench-admin-password" };
const MESSAGES = [{ role: "user", content: "Write one friendly sentence about benchmarks." }];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

type Target = { url: string; headers: Record<string, string>; body: string };
type Result = {
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
};

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Closed-loop load: `connections` keep-alive sockets, each sending the next request on answer. */
async function load(target: Target, connections: number, seconds: number): Promise<Result> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const url = new URL(target.url);
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const one = () =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: "POST",
          headers: { "content-type": "application/json", ...target.headers },
        },
        (res) => {
          res.on("data", () => {});
          res.on("end", () => {
            if (res.statusCode === 200) latencies.push(performance.now() - t0);
            else errors++;
            resolve();
          });
        },
      );
      req.on("error", () => {
        errors++;
        resolve();
      });
      req.end(target.body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) await one();
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

/** Milliseconds from sending a stream request to the first content chunk. */
async function firstChunk(target: Target, samples: number): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL(target.url);
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    out.push(
      await new Promise<number>((resolve, reject) => {
        const t0 = performance.now();
        let first = 0;
        const req = http.request(
          {
            agent,
            host: url.hostname,
            port: url.port,
            path: url.pathname,
            method: "POST",
            headers: { "content-type": "application/json", ...target.headers },
          },
          (res) => {
            let buf = "";
            res.on("data", (d: Buffer) => {
              buf += d.toString();
              if (!first && /"content":"[^"]/.test(buf)) first = performance.now() - t0;
            });
            res.on("end", () =>
              res.statusCode === 200
                ? resolve(first)
                : reject(new Error(`status ${res.statusCode}`)),
            );
          },
        );
        req.on("error", reject);
        req.end(target.body);
      }),
    );
  }
  agent.destroy();
  return out.sort((a, b) => a - b);
}

async function json(base: string, p: string, body: unknown, token?: string) {
  const res = await fetch(base + p, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const data = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${p} → ${res.status} ${JSON.stringify(data)}`);
  return data;
}

async function startAppServer(): Promise<{ url: string; child: ChildProcess; dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aigc-bench-"));
  const port = await freePort();
  // BENCH_CPU_PROF=dir writes a V8 CPU profile of the app for finding hot spots.
  const prof = process.env.BENCH_CPU_PROF
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const child = spawn(
    process.execPath,
    [...prof, nextBin, "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "/root",
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        APP_ENV: "test",
        DATA_DIR: dataDir,
        DATABASE_URL: `file:${path.join(dataDir, "app.db")}`,
        AUTH_SECRET: "bench-auth-secret-0123456789abcdef0123456789",
        ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64"),
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        SEED_DEMO: "0",
        LOG_LEVEL: "warn",
        // Limits stay on (every call is counted) but high enough not to refuse the benchmark.
        RATE_LIMIT_USER_PER_MIN: "100000000",
        RATE_LIMIT_IP_PER_MIN: "100000000",
      },
    },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 400; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, child, dataDir };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error("app did not start");
}

const ms = (n: number) => n.toFixed(2).padStart(8);

/** CPU milliseconds (user + system) a process has used so far, from /proc; NaN elsewhere. */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime in 100 Hz ticks
  } catch {
    return NaN;
  }
}

async function main() {
  if (process.env.BENCH_ONLY && process.env.BENCH_ONLY !== "chat") return;
  if ((await ensureBuild()) !== 0) process.exit(1);
  const up = await startMockUpstream();
  const app = await startAppServer();
  try {
    const admin = (await json(app.url, "/api/auth/token", ADMIN)).token as string;
    const provider = (
      await json(
        app.url,
        "/api/admin/ai/providers",
        { slug: "bench", name: "Bench upstream", baseURL: up.url, apiKey: "sk-bench" },
        admin,
      )
    ).item as { id: string };
    await json(
      app.url,
      "/api/admin/ai/models",
      {
        slug: "bench-chat",
        providerId: provider.id,
        upstreamModel: "gpt-4o-mini",
        capabilities: ["chat"],
        pricing: { chat: { fixedCreditsPerCall: 1, perKTokens: { input: 0.5, output: 1 } } },
      },
      admin,
    );
    const email = `bench${Date.now()}@bench.local`;
    const user = (await json(app.url, "/api/auth/register", { email, password: "bench-password" }))
      .user as { id: string };
    const token = (await json(app.url, "/api/auth/token", { email, password: "bench-password" }))
      .token as string;
    await json(
      app.url,
      "/api/credits/grant",
      { userId: user.id, delta: 1_000_000_000, reason: "bench" },
      admin,
    );

    const direct: Target = {
      url: `${up.url}/chat/completions`,
      headers: {},
      body: JSON.stringify({ model: "gpt-4o-mini", messages: MESSAGES }),
    };
    const viaApp: Target = {
      url: `${app.url}/v1/chat/completions`,
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify({ model: "bench-chat", messages: MESSAGES }),
    };

    // Warm both paths (JIT, tokenizer tables, caches) before measuring.
    await load(viaApp, 8, 3);
    await load(direct, 8, 1);
    up.reset();

    console.log(
      `\nnon-stream chat, ${SECONDS}s per run, latency in ms (closed loop, keep-alive)\n`,
    );
    console.log("conns | path    |      p50 |      p95 |      p99 |    req/s | errors");
    const rows: string[] = [];
    for (const c of CONNECTIONS) {
      const d = await load(direct, c, SECONDS);
      up.reset();
      const cpu0 = cpuMs(app.child.pid);
      const a = await load(viaApp, c, SECONDS);
      const cpuPerCall = (cpuMs(app.child.pid) - cpu0) / Math.max(1, a.requests);
      up.reset();
      console.log(
        `${String(c).padStart(5)} | direct  | ${ms(d.p50)} | ${ms(d.p95)} | ${ms(d.p99)} | ${d.rps.toFixed(0).padStart(8)} | ${d.errors}`,
      );
      console.log(
        `${String(c).padStart(5)} | via app | ${ms(a.p50)} | ${ms(a.p95)} | ${ms(a.p99)} | ${a.rps.toFixed(0).padStart(8)} | ${a.errors}`,
      );
      rows.push(
        `${String(c).padStart(5)} | overhead| ${ms(a.p50 - d.p50)} | ${ms(a.p95 - d.p95)} | ${ms(a.p99 - d.p99)} |`,
      );
      console.log(rows.at(-1));
      // Under CPU contention latency says little; the app's own CPU per call does not change.
      console.log(`      | app CPU per billed call: ${cpuPerCall.toFixed(2)} ms`);
    }

    const streamBody = (model: string) =>
      JSON.stringify({ model, messages: MESSAGES, stream: true });
    const ttfD = await firstChunk({ ...direct, body: streamBody("gpt-4o-mini") }, 200);
    up.reset();
    const ttfA = await firstChunk({ ...viaApp, body: streamBody("bench-chat") }, 200);
    console.log("\nstream time to first content chunk, 200 sequential requests (ms)");
    console.log(`direct  p50 ${ms(percentile(ttfD, 50))}  p95 ${ms(percentile(ttfD, 95))}`);
    console.log(`via app p50 ${ms(percentile(ttfA, 50))}  p95 ${ms(percentile(ttfA, 95))}`);
    console.log(
      `overhead p50 ${ms(percentile(ttfA, 50) - percentile(ttfD, 50))}  p95 ${ms(percentile(ttfA, 95) - percentile(ttfD, 95))}`,
    );

    const bal = await fetch(`${app.url}/api/credits/balance`, {
      headers: { authorization: `Bearer ${token}` },
    }).then((r) => r.json());
    console.log(
      `\nbilled: ${1_000_000_000 - (bal as { credits: number }).credits} credits charged to the bench user`,
    );
  } finally {
    app.child.kill("SIGTERM");
    await up.stop();
    fs.rmSync(app.dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
