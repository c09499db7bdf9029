import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
// @ts-expect-error — plain ESM helper without types
import { serverEnv } from "../../scripts/lib.mjs";

// A real app server for integration tests: the production build (`next build` first), started
// with scripts/server.mjs (what `npm start` runs) on a free port, on its own temp SQLite file or its own PostgreSQL database.

export type App = {
  url: string;
  databaseUrl: string;
  dataDir: string;
  logs: () => string;
  stop: () => Promise<void>;
  /** kill -9: the process dies mid-work; its data dir and database stay for a restart. */
  kill: () => Promise<void>;
  /** The same as kill(). */
  kill9: () => Promise<void>;
  /** Signs in through POST /api/auth/token and returns a bearer token. */
  token: (email: string, password: string) => Promise<string>;
  register: (
    email?: string,
    password?: string,
  ) => Promise<{ email: string; password: string; token: string; id: string }>;
  adminToken: () => Promise<string>;
};

export const ADMIN = { email: "admin@test.local", password: "admin-test-password" };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export function databaseUrl(dataDir: string): string {
  const pgPort = inject("pgPort");
  if (!pgPort) return `file:${path.join(dataDir, "app.db")}`;
  const name = `t_${path
    .basename(dataDir)
    .replace(/[^a-z0-9]/gi, "")
    .toLowerCase()}`;
  const psql = [
    "-h",
    "127.0.0.1",
    "-p",
    String(pgPort),
    "-U",
    "postgres",
    "-c",
    `CREATE DATABASE "${name}"`,
  ];
  if (process.getuid?.() === 0)
    execFileSync("runuser", ["-u", "postgres", "--", "psql", ...psql], { stdio: "pipe", cwd: "/" });
  else execFileSync("psql", psql, { stdio: "pipe" });
  return `postgres://postgres@127.0.0.1:${pgPort}/${name}`;
}

/**
 * Starts the app. `opts.dataDir` (or `extraEnv.DATA_DIR`) and `extraEnv.DATABASE_URL` make it
 * share another app's files and database (a restart after a crash, or a second instance).
 */
export async function startApp(
  extraEnv: Record<string, string> = {},
  opts: { dataDir?: string; port?: number } = {},
): Promise<App> {
  const dataDir =
    opts.dataDir ?? extraEnv.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "aigc-app-"));
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const dbUrl = extraEnv.DATABASE_URL ?? databaseUrl(dataDir);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/root",
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    APP_ENV: "test",
    DATA_DIR: dataDir,
    DATABASE_URL: dbUrl,
    AUTH_SECRET: "test-auth-secret-0123456789abcdef0123456789",
    ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: "info",
    // Suites register many users from one address; the sign-up throttle has its own tests.
    RATE_LIMIT_SIGNUP_PER_HOUR: "0",
    // As `npm start` runs it (glibc malloc arenas; scripts/lib.mjs).
    ...serverEnv(),
    ...extraEnv,
  };
  let output = "";
  const child: ChildProcess = spawn(
    process.execPath,
    [path.resolve("scripts/server.mjs"), "-p", String(port), "-H", "127.0.0.1"],
    { env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app exited early:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`app did not become healthy:\n${output}`);
    await new Promise((r) => setTimeout(r, 150));
  }

  const token = async (email: string, password: string) => {
    const res = await fetch(`${url}/api/auth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    if (!res.ok) throw new Error(`token failed: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { token: string }).token;
  };
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGKILL");
      await exited;
    }
  };
  let counter = 0;
  return {
    url,
    databaseUrl: dbUrl,
    dataDir,
    logs: () => output,
    token,
    adminToken: () => token(ADMIN.email, ADMIN.password),
    async register(email = `user${Date.now()}${counter++}@test.local`, password = "password123") {
      const res = await fetch(`${url}/api/auth/register`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password }),
      });
      if (res.status !== 201) throw new Error(`register failed: ${res.status} ${await res.text()}`);
      const { user } = (await res.json()) as { user: { id: string } };
      return { email, password, id: user.id, token: await token(email, password) };
    },
    kill,
    kill9: kill,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** fetch with a bearer token and JSON body. */
export function api(app: { url: string }, token?: string) {
  return async (
    pathname: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const headers: Record<string, string> = { ...init.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    if (init.body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${app.url}${pathname}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON
    }
    return { status: res.status, headers: res.headers, body: body as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
}
