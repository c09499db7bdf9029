#!/usr/bin/env node
// A throw-away production server for browser tests and Lighthouse:
// builds if sources changed, then scripts/server.mjs on PORT (default 3210) with a fresh temp
// DATA_DIR (SQLite + media + seed), APP_ENV=test and fixed test secrets. The temp dir is
// deleted when the server stops (SIGTERM/SIGINT from Playwright, or the child exiting).
//   node scripts/e2e-server.mjs            → serves until killed
//   import { startServer } from "./e2e-server.mjs" → { url, stop() } for other scripts
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ensureBuild, root, serverBin, serverEnv } from "./lib.mjs";

// Test-only defaults; playwright.config.ts passes its own explicitly.
const DEFAULTS = {
  AUTH_SECRET: "e2e-auth-secret-0123456789abcdef0123456789",
  ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
  ADMIN_EMAIL: "admin@test.local",
  ADMIN_PASSWORD: "admin-test-password",
};

export async function startServer({
  port = Number(process.env.PORT) || 3210,
  env: extra = {},
  quiet = false,
} = {}) {
  const code = await ensureBuild();
  if (code !== 0) throw new Error(`next build failed (${code})`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aigc-e2e-"));
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [serverBin, "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    stdio: ["ignore", quiet ? "ignore" : "inherit", quiet ? "ignore" : "inherit"],
    env: {
      ...process.env,
      ...serverEnv(),
      ...Object.fromEntries(Object.entries(DEFAULTS).map(([k, v]) => [k, process.env[k] || v])),
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      APP_ENV: "test",
      DATA_DIR: dataDir,
      DATABASE_URL: `file:${path.join(dataDir, "app.db")}`,
      LOG_LEVEL: "warn",
      ...extra,
    },
  });
  const cleanup = () => fs.rmSync(dataDir, { recursive: true, force: true });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  exited.then(cleanup);

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode})`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error("server did not become healthy in 90 s");
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
    cleanup();
  }
  return { url, dataDir, stop };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await startServer();
  console.log(`› e2e server on ${server.url} (data ${server.dataDir})`);
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) {
    process.once(signal, () => server.stop().then(() => process.exit(0)));
  }
}
