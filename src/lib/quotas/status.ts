import "server-only";
import { db } from "@/lib/db";
import type { UserRow } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/errors";
import type { QuotaGuard } from "@/lib/credits/ledger";
import { getSettings } from "@/lib/settings/store";
import { now } from "@/lib/time/clock";
import { formatWallClock, periodAt } from "@/lib/time/periods";
import { effectiveLimits } from "./limits";
import { QUOTA_OPERATIONS, quotaLabel, quotaUnit } from "./units";

// Daily quotas are counted from the ledger: a user's pending and settled rows of an operation
// since 00:00 (APP_TIMEZONE), each weighing its quotaUnits. Nothing is incremented anywhere, so
// nothing can drift; a refunded call stops counting the moment it is refunded.

export type QuotaItem = {
  operation: string;
  label: string;
  unit: string;
  limit: number | null;
  used: number;
  remaining: number | null;
};
export type QuotaStatus = { timezone: string; resetsAt: string; items: QuotaItem[] };

export function today(at = now()): { since: string; resetsAt: string; resetsAtMs: number } {
  const p = periodAt("daily", at, env.APP_TIMEZONE);
  return {
    since: new Date(p.start).toISOString(),
    resetsAt: new Date(p.next!).toISOString(),
    resetsAtMs: p.next!,
  };
}

/** Units used today per operation. */
export async function usedToday(userId: string, since: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom("credit_transactions")
    .select(["reason", (eb) => eb.fn.sum<number>("quotaUnits").as("units")])
    .where("userId", "=", userId)
    .where("createdAt", ">=", since)
    .where("status", "in", ["pending", "success"])
    .where(
      "reason",
      "in",
      QUOTA_OPERATIONS.map((o) => o.id),
    )
    .groupBy("reason")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.reason, Number(r.units ?? 0)]));
}

export async function quotaStatus(
  user: Pick<UserRow, "id" | "plan" | "quotaOverrides">,
): Promise<QuotaStatus> {
  const day = today();
  const [settings, used] = await Promise.all([getSettings(), usedToday(user.id, day.since)]);
  const limits = effectiveLimits(user, settings);
  return {
    timezone: env.APP_TIMEZONE,
    resetsAt: day.resetsAt,
    items: QUOTA_OPERATIONS.map((op) => {
      const limit = limits[op.id];
      const u = used[op.id] ?? 0;
      return {
        operation: op.id,
        label: op.label,
        unit: op.unit,
        limit,
        used: u,
        remaining: limit === null ? null : Math.max(0, limit - u),
      };
    }),
  };
}

/** 429 quota_exceeded with when it resets (Retry-After, X-Quota-Reset); SDKs must not retry it. */
export function limitReached(message: string, resetsAtMs: number | null): ApiError {
  const headers: Record<string, string> = { "x-should-retry": "false" };
  if (resetsAtMs !== null) {
    headers["retry-after"] = String(Math.max(1, Math.ceil((resetsAtMs - now()) / 1000)));
    headers["x-quota-reset"] = new Date(resetsAtMs).toISOString();
  }
  return new ApiError("quota_exceeded", message, { headers });
}

/** The guard the ledger enforces inside the hold, or null when the operation has no limit. */
export async function quotaGuard(
  user: Pick<UserRow, "plan" | "quotaOverrides">,
  operation: string,
  units: number,
): Promise<QuotaGuard | null> {
  const limit = effectiveLimits(user, await getSettings())[operation];
  if (limit === null || limit === undefined) return null;
  const day = today();
  const label = quotaLabel(operation);
  const unit = quotaUnit(operation);
  const when = `${formatWallClock(day.resetsAtMs, env.APP_TIMEZONE)}（${env.APP_TIMEZONE}）`;
  return {
    limit,
    since: day.since,
    exceeded: (used) =>
      limitReached(
        used >= limit
          ? `今日「${label}」额度已用完（${limit}/${limit} ${unit}），将于 ${when} 重置`
          : `今日「${label}」额度剩余 ${limit - used} ${unit}，本次需要 ${units} ${unit}；额度将于 ${when} 重置`,
        day.resetsAtMs,
      ),
  };
}
