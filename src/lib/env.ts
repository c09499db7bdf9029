import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { parseProxyList } from "@/lib/net/proxies";
import { isTimeZone } from "@/lib/time/periods";

// The only module that reads process.env. Everything else imports `env` (or `secrets()`).

const bool = z.enum(["0", "1", "true", "false"]).transform((v) => v === "1" || v === "true");
const int = (def: number) => z.coerce.number().int().nonnegative().default(def);

export const DEV_ADMIN_PASSWORD = "admin12345";

const schema = z.object({
  APP_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATA_DIR: z.string().default("./data"),
  DATABASE_URL: z.string().default("file:./data/app.db"),
  PUBLIC_URL: z.string().url().optional(),
  // NextAuth's own origin setting; without it the origin comes from PUBLIC_URL or the request.
  NEXTAUTH_URL: z.string().url().optional(),
  // Peers whose X-Forwarded-* headers are believed: addresses, CIDRs, `loopback`. Empty = none.
  TRUSTED_PROXIES: z.string().default(""),
  ADMIN_EMAIL: z.string().email().default("admin@aigc.local"),
  ADMIN_PASSWORD: z.string().min(8).default(DEV_ADMIN_PASSWORD),
  SIGNUP_CREDITS: int(100),
  // Sign-ups per client IP per hour (0 = unlimited).
  RATE_LIMIT_SIGNUP_PER_HOUR: int(10),
  // Outgoing mail (verification links): smtp://user:pass@host:port or smtps://…; without it the
  // link is written to the log and the signup bonus is granted at once.
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default("AIGC Studio <no-reply@aigc.local>"),
  SEED_DEMO: bool.default(true),
  CORS_ALLOW_ORIGINS: z
    .string()
    .default("capacitor://localhost,http://localhost,https://localhost,http://localhost:*"),
  AI_TIMEOUT_MS: int(60_000),
  // Provider-supplied result URLs: extra hosts/CIDRs that may be private, and the per-download
  // timeout (connect + headers, and between body chunks), kept far below AI_TIMEOUT_MS.
  OUTBOUND_ALLOW_HOSTS: z.string().optional(),
  OUTBOUND_TIMEOUT_MS: int(15_000),
  // Upstream connection pool per provider origin and instance, and how many calls may wait
  // for a socket before new ones are refused with 503 + Retry-After.
  PROVIDER_MAX_SOCKETS: z.coerce.number().int().positive().default(256),
  PROVIDER_MAX_QUEUE: int(512),
  // How often every instance refunds holds left by a dead instance (and beats its heartbeat).
  HOLD_SWEEP_INTERVAL_MS: z.coerce.number().int().min(200).default(15_000),
  MOCK_AI: bool.default(false),
  // Async tasks (videos, task-based providers): how long one may run, and the embedded runner.
  TASK_TIMEOUT_MS: int(30 * 60_000),
  // 0 = this process only submits; `npm run worker` (or another instance) does the work.
  TASK_WORKER: bool.default(true),
  TASK_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(32),
  // A claimed task is locked this long (renewed while a step runs); a dead worker's tasks are
  // picked up again once it lapses.
  TASK_LEASE_MS: z.coerce.number().int().min(200).default(30_000),
  TASK_POLL_MIN_MS: z.coerce.number().int().min(50).default(500),
  TASK_POLL_MAX_MS: z.coerce.number().int().min(100).default(10_000),
  // How long the built-in mock video model takes to "generate" a clip.
  MOCK_VIDEO_MS: z.coerce.number().int().min(0).default(6000),
  // How long each built-in mock image tool call takes (0 = as fast as sharp is); a delay makes a
  // workflow's per-step progress visible in demos and browser tests.
  MOCK_TOOL_MS: z.coerce.number().int().min(0).max(600_000).default(0),
  // Converts upstream USD prices (OpenRouter, Together) into credits when importing models.
  CREDITS_PER_USD: z.coerce.number().positive().default(100),
  RATE_LIMIT_USER_PER_MIN: int(60),
  RATE_LIMIT_IP_PER_MIN: int(120),
  CHAT_MAX_MESSAGES: int(256),
  CHAT_MAX_CHARS: int(400_000),
  CHAT_DEFAULT_MAX_TOKENS: int(4096),
  // Stored Responses (previous_response_id, GET /v1/responses/{id}): kept this many days, and
  // at most this many per user (the oldest go first).
  RESPONSES_RETENTION_DAYS: int(30),
  RESPONSES_MAX_PER_USER: int(1000),
  UPLOAD_MAX_BYTES: int(10 * 1024 * 1024),
  UPLOAD_MAX_PIXELS: int(4096 * 4096),
  UPLOAD_MAX_TOTAL_BYTES: int(64 * 1024 * 1024),
  // Daily/weekly/monthly limits (quotas, API key credit limits) restart at 00:00 here.
  APP_TIMEZONE: z
    .string()
    .default("Asia/Shanghai")
    .refine(isTimeZone, "APP_TIMEZONE must be an IANA time zone, e.g. Asia/Shanghai"),
  // Failed sign-ins allowed per account and per IP within SIGNIN_LOCK_MINUTES before 429.
  SIGNIN_FAILURES_PER_ACCOUNT: int(5),
  SIGNIN_FAILURES_PER_IP: int(20),
  SIGNIN_LOCK_MINUTES: int(15),
  // Test servers only: lets POST /api/test/clock move the app clock (needs APP_ENV=test too).
  TEST_CLOCK: bool.default(false),
  REDIS_URL: z.string().optional(),
  METRICS_TOKEN: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  S3_ENDPOINT: z.string().optional(),
  S3_REGION: z.string().default("us-east-1"),
  S3_BUCKET: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: bool.default(true),
  AUTH_SECRET: z.string().min(32).optional(),
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  ENCRYPTION_KEY: z.string().optional(),
  ENCRYPTION_KEY_PREVIOUS: z.string().optional(),
  NEXT_PHASE: z.string().optional(),
});

function parse() {
  const blank = Object.fromEntries(
    Object.entries(process.env).filter(([, v]) => v !== undefined && v !== ""),
  );
  const result = schema.safeParse(blank);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const e = result.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    ...e,
    isProduction: e.APP_ENV === "production",
    isBuild: e.NEXT_PHASE === "phase-production-build",
    dataDir,
    mediaDir: path.join(dataDir, "media"),
    tmpDir: path.join(dataDir, "tmp"),
    trustedProxies: parseProxyList(e.TRUSTED_PROXIES),
    corsOrigins: e.CORS_ALLOW_ORIGINS.split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

export const env = parse();
export type Env = typeof env;

/**
 * NextAuth v4 reads its origin from process.env itself and, with neither NEXTAUTH_URL nor
 * AUTH_TRUST_HOST, falls back to http://localhost:3000 for every redirect. So its origin is
 * PUBLIC_URL when set, else the request's own (X-Forwarded-Host/-Proto, which reach a route only
 * from a trusted proxy — src/lib/api/server-hooks.ts). Called once at boot.
 */
export function configureNextAuthOrigin(): void {
  if (env.NEXTAUTH_URL) return;
  if (env.PUBLIC_URL) process.env.NEXTAUTH_URL = env.PUBLIC_URL;
  else process.env.AUTH_TRUST_HOST = "1";
}

/** 32-byte keys are accepted as base64 or hex. */
export function decodeKey(raw: string): Buffer {
  const hex = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, "hex") : null;
  const key = hex ?? Buffer.from(raw, "base64");
  if (key.length !== 32) throw new Error("ENCRYPTION_KEY must be 32 bytes (base64 or hex)");
  return key;
}

type Secrets = { authSecret: string; encryptionKey: Buffer; previousEncryptionKey: Buffer | null };
let cached: Secrets | null = null;

/**
 * Secrets come from the environment. Outside production, missing ones are generated once into
 * a git-ignored file under DATA_DIR so a fresh clone starts with no configuration.
 */
export function secrets(): Secrets {
  if (cached) return cached;
  let auth = env.AUTH_SECRET ?? env.NEXTAUTH_SECRET;
  let enc = env.ENCRYPTION_KEY;
  if ((!auth || !enc) && !env.isProduction) {
    const file = path.join(env.dataDir, "secrets.json");
    let stored: { authSecret?: string; encryptionKey?: string } = {};
    if (fs.existsSync(file)) stored = JSON.parse(fs.readFileSync(file, "utf8"));
    if (!stored.authSecret || !stored.encryptionKey) {
      stored = {
        authSecret: stored.authSecret ?? randomBytes(32).toString("base64url"),
        encryptionKey: stored.encryptionKey ?? randomBytes(32).toString("base64"),
      };
      fs.mkdirSync(env.dataDir, { recursive: true });
      fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    }
    auth ??= stored.authSecret;
    enc ??= stored.encryptionKey;
  }
  if (!auth || !enc) throw new Error("AUTH_SECRET and ENCRYPTION_KEY are required in production");
  cached = {
    authSecret: auth,
    encryptionKey: decodeKey(enc),
    previousEncryptionKey: env.ENCRYPTION_KEY_PREVIOUS
      ? decodeKey(env.ENCRYPTION_KEY_PREVIOUS)
      : null,
  };
  return cached;
}

/** Called once at boot: production refuses to start on missing secrets or the dev password. */
export function assertProductionReady(): void {
  if (!env.isProduction) return;
  const problems: string[] = [];
  if (!env.AUTH_SECRET && !env.NEXTAUTH_SECRET) problems.push("AUTH_SECRET is not set");
  if (!env.ENCRYPTION_KEY) problems.push("ENCRYPTION_KEY is not set");
  if (env.TEST_CLOCK) problems.push("TEST_CLOCK must not be set");
  if (!process.env.ADMIN_PASSWORD || env.ADMIN_PASSWORD === DEV_ADMIN_PASSWORD)
    problems.push("ADMIN_PASSWORD is missing or the development default");
  if (problems.length) throw new Error(`Refusing to start in production: ${problems.join("; ")}`);
  secrets();
}
