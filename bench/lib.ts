// What the three benches share: a free port, percentiles, a process's CPU and memory from /proc,
// JSON calls to the app, and the production app started on a throw-away data folder.
import { type ChildProcess, fork, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
// @ts-expect-error — plain ESM helper without types
import { root, serverBin, serverEnv } from "../scripts/lib.mjs";

export const BENCH_ADMIN = { email: "bench-admin@bench.local", password: "bench-admin-password" };

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** The p-th percentile of an ascending list (NaN when empty). */
export const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;

/** POSTs JSON to the app; throws with the answer on any non-2xx. */
export async function json(base: string, p: string, body: unknown, token?: string) {
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

/**
 * CPU milliseconds (user + system, and each) and resident/peak memory (MB) of a process, from
 * /proc.
 */
export function proc(pid: number | undefined): {
  cpuMs: number;
  userMs: number;
  sysMs: number;
  rssMb: number;
  peakMb: number;
} {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
    return {
      cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / 100, // utime + stime, 100 Hz ticks
      userMs: (Number(fields[11]) * 1000) / 100,
      sysMs: (Number(fields[12]) * 1000) / 100,
      rssMb: kb("VmRSS") / 1024,
      peakMb: kb("VmHWM") / 1024,
    };
  } catch {
    return { cpuMs: NaN, userMs: NaN, sysMs: NaN, rssMb: NaN, peakMb: NaN };
  }
}

/**
 * Waits until GET `url` answers 2xx (polling every `everyMs`, for `seconds` at most); otherwise
 * stops `child` and throws, naming `what`.
 */
export async function waitUntilUp(
  url: string,
  child: ChildProcess,
  what: string,
  { seconds = 20, everyMs = 100 } = {},
): Promise<void> {
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  child.kill("SIGTERM");
  throw new Error(`${what} did not start`);
}

export type BenchApp = { url: string; child: ChildProcess; dataDir: string; dbFile: string };

/**
 * The production server (scripts/server.mjs) on a fresh data folder and SQLite file (or
 * `databaseUrl`), rate limits on but out of the way, logs at warn; `env` adds the bench's own.
 * BENCH_CPU_PROF=dir writes a V8 CPU profile of the app for finding hot spots.
 */
export async function startBenchApp(
  name: string,
  opts: { databaseUrl?: string; env?: Record<string, string> } = {},
): Promise<BenchApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `aigc-bench-${name}-`));
  const dbFile = path.join(dataDir, "app.db");
  const port = await freePort();
  const prof = process.env.BENCH_CPU_PROF
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const passThrough = Object.fromEntries(
    // The build ensureBuild() made.
    ["NEXT_DIST_DIR"].flatMap((k) => (process.env[k] ? [[k, process.env[k] as string]] : [])),
  );
  const child = spawn(
    process.execPath,
    [...prof, serverBin, "-p", String(port), "-H", "127.0.0.1"],
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
        DATABASE_URL: opts.databaseUrl ?? `file:${dbFile}`,
        AUTH_SECRET: "bench-auth-secret-0123456789abcdef0123456789",
        ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64"),
        LOG_LEVEL: "warn",
        // Limits stay on (every call is counted) but high enough not to refuse the benchmark.
        RATE_LIMIT_USER_PER_MIN: "100000000",
        RATE_LIMIT_IP_PER_MIN: "100000000",
        // As `npm start` runs it (glibc malloc arenas; scripts/lib.mjs).
        ...serverEnv(),
        ...passThrough,
        ...opts.env,
      },
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp(`${url}/api/health`, child, "app", { seconds: 60, everyMs: 150 });
  return { url, child, dataDir, dbFile };
}

export type UpstreamProcess = { url: string; reset(): void; stop(): void };

/** The mock OpenAI upstream in its own process (bench/upstream.ts). */
export async function startUpstreamProcess(): Promise<UpstreamProcess> {
  const child = fork(path.join(root, "bench/upstream.ts"), [], {
    cwd: root,
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("message", (m) => resolve((m as { url: string }).url));
    child.once("exit", (code) => reject(new Error(`the mock upstream exited (${code})`)));
  });
  return {
    url,
    // Guarded: a child that already died (its error is on stderr) has no channel left to use.
    reset: () => void (child.connected && child.send("reset")),
    stop: () => void (child.connected && child.disconnect()),
  };
}
