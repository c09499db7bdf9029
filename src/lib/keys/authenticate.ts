import "server-only";
import { db, nowIso } from "@/lib/db";
import type { ApiKeyRow, UserRow } from "@/lib/db/schema";
import { ApiError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { now } from "@/lib/time/clock";
import { hashKey, KEY_PATTERN } from "./material";
import { keyStatus } from "./views";

// A personal key presented on /v1/* or /api/ai/*: looked up by its hash on every call (one
// indexed read) rather than cached, so a revoke, a disable or an expiry applies to the very next
// call on every instance.

const REFUSED: Record<string, string> = {
  revoked: "API 密钥已撤销",
  expired: "API 密钥已过期",
  disabled: "API 密钥已停用",
};

export async function authenticateKey(raw: string): Promise<{ key: ApiKeyRow; user: UserRow }> {
  const invalid = new ApiError("unauthorized", "API 密钥无效");
  if (!KEY_PATTERN.test(raw)) throw invalid;
  const key = await db
    .selectFrom("api_keys")
    .selectAll()
    .where("keyHash", "=", hashKey(raw))
    .executeTakeFirst();
  if (!key) throw invalid;
  const status = keyStatus(key);
  if (status !== "active") throw new ApiError("unauthorized", REFUSED[status]);
  const user = await db
    .selectFrom("users")
    .selectAll()
    .where("id", "=", key.userId)
    .executeTakeFirst();
  if (!user) throw invalid;
  return { key, user };
}

// "Last used" is for people, not accounting: written at most once a minute per key (or when the
// address changes), so a busy key does not turn every call into an extra write.
const TOUCH_EVERY_MS = 60_000;

export function noteKeyUse(key: ApiKeyRow, ip: string): void {
  const last = key.lastUsedAt ? Date.parse(key.lastUsedAt) : 0;
  if (now() - last < TOUCH_EVERY_MS && key.lastUsedIp === ip) return;
  void db
    .updateTable("api_keys")
    .set({ lastUsedAt: nowIso(), lastUsedIp: ip.slice(0, 100) })
    .where("id", "=", key.id)
    .execute()
    .catch((err: Error) =>
      logger.warn({ keyId: key.id, err: { message: err.message } }, "key last-used not written"),
    );
}
