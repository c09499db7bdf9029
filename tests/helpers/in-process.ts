import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { databaseUrl } from "./app";

/**
 * Prepares the environment for importing server modules straight into a test (no HTTP): a temp
 * data dir and its own database (SQLite, or PostgreSQL under TEST_DB=postgres). Call before the
 * first dynamic import of anything under src/lib, since env.ts reads process.env once.
 */
export function inProcessEnv(extra: Record<string, string> = {}): {
  dataDir: string;
  cleanup: () => void;
} {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aigc-lib-"));
  Object.assign(process.env, {
    APP_ENV: "test",
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl(dataDir),
    AUTH_SECRET: "test-auth-secret-0123456789abcdef0123456789",
    ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
    LOG_LEVEL: "silent",
    ...extra,
  });
  return { dataDir, cleanup: () => fs.rmSync(dataDir, { recursive: true, force: true }) };
}
