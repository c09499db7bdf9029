import "server-only";
import Redis from "ioredis";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { type LimitStore, MemoryStore, RedisStore, type Rule, type Verdict } from "./store";

// Per-user, per-IP and per-model request limits (contract §7): sliding one-minute windows, in
// memory by default, in Redis when REDIS_URL is set so several instances share them.

export const WINDOW_MS = 60_000;

const g = globalThis as unknown as { __aigcLimitStore?: LimitStore };

/** The shared store (memory, or Redis when REDIS_URL is set). */
export function limitStore(): LimitStore {
  if (!g.__aigcLimitStore) {
    if (env.REDIS_URL) {
      const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 2, enableOfflineQueue: true });
      redis.on("error", (err) =>
        logger.warn({ err: { message: err.message } }, "redis rate-limit store error"),
      );
      g.__aigcLimitStore = new RedisStore(redis);
    } else {
      g.__aigcLimitStore = new MemoryStore();
    }
  }
  return g.__aigcLimitStore;
}

/** Replaces the store (tests and benchmarks). */
export function setLimitStore(s: LimitStore): void {
  g.__aigcLimitStore = s;
}

export type LimitHeaders = Record<string, string>;

/** X-RateLimit-* for the tightest rule; Reset is seconds until the oldest counted call leaves. */
export function limitHeaders(verdict: Verdict, now: number): LimitHeaders {
  if (!verdict.states.length) return {};
  const tightest = verdict.states.reduce((a, b) =>
    b.rule.limit - b.count < a.rule.limit - a.count ? b : a,
  );
  const resetMs =
    tightest.oldest === null ? 0 : Math.max(0, tightest.oldest + tightest.rule.windowMs - now);
  return {
    "x-ratelimit-limit": String(tightest.rule.limit),
    "x-ratelimit-remaining": String(Math.max(0, tightest.rule.limit - tightest.count)),
    "x-ratelimit-reset": String(Math.ceil(resetMs / 1000)),
  };
}

/** Seconds until every exhausted rule has room again. */
function retryAfterSeconds(verdict: Verdict, now: number): number {
  let ms = 0;
  for (const s of verdict.states) {
    if (s.count >= s.rule.limit && s.oldest !== null)
      ms = Math.max(ms, s.oldest + s.rule.windowMs - now);
  }
  return Math.max(1, Math.ceil(ms / 1000));
}

/**
 * Counts one call against every rule (a limit of 0 means unlimited) and throws 429
 * `rate_limited` with Retry-After when any is exhausted. Returns headers for the answer.
 */
export async function enforceLimits(rules: Rule[], now = Date.now()): Promise<LimitHeaders> {
  const active = rules.filter((r) => r.limit > 0);
  if (!active.length) return {};
  const verdict = await limitStore().hit(active, now);
  const headers = limitHeaders(verdict, now);
  if (!verdict.allowed) {
    const retry = retryAfterSeconds(verdict, now);
    const scope =
      verdict.states.find((s) => s.count >= s.rule.limit)?.rule.key.split(":")[0] ?? "user";
    throw new ApiError(
      "rate_limited",
      `请求过于频繁（${scopeName(scope)}限额），请 ${retry} 秒后再试`,
      {
        headers: { ...headers, "retry-after": String(retry), "x-ratelimit-remaining": "0" },
      },
    );
  }
  return headers;
}

const SCOPES: Record<string, string> = {
  ip: "IP ",
  model: "模型",
  signup: "注册",
  apikey: "API 密钥",
};
const scopeName = (scope: string): string => SCOPES[scope] ?? "用户";

/** The limits every AI call counts against before its model is looked up. */
export function callerRules(userId: string, ip: string): Rule[] {
  return [
    { key: `user:${userId}`, limit: env.RATE_LIMIT_USER_PER_MIN, windowMs: WINDOW_MS },
    { key: `ip:${ip}`, limit: env.RATE_LIMIT_IP_PER_MIN, windowMs: WINDOW_MS },
  ];
}

/** A personal API key's own requests-per-minute limit (null = none). */
export function keyRules(keyId: string, rpm: number | null | undefined): Rule[] {
  return rpm ? [{ key: `apikey:${keyId}`, limit: rpm, windowMs: WINDOW_MS }] : [];
}

export function modelRules(modelSlug: string, rpm: number | null | undefined): Rule[] {
  return rpm ? [{ key: `model:${modelSlug}`, limit: rpm, windowMs: WINDOW_MS }] : [];
}

export type { LimitStore, Rule, Verdict } from "./store";
export { MemoryStore, RedisStore } from "./store";
