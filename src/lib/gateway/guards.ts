import "server-only";
import type { ApiKeyRow, UserRow } from "@/lib/db/schema";
import type { HoldMeta } from "@/lib/credits/ledger";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/errors";
import { asPeriod, keyWindow, parseModels } from "@/lib/keys/views";
import { PERIOD_LABEL } from "@/lib/keys/schemas";
import { quotaGuard, limitReached } from "@/lib/quotas/status";
import { unitsFor } from "@/lib/quotas/units";
import { getSettings } from "@/lib/settings/store";
import { formatWallClock } from "@/lib/time/periods";

// The limits a hold must respect besides the balance, for every billed path: the caller's daily
// quota for the operation and the personal key's credit limit. The ledger enforces both inside
// the hold's own transaction (src/lib/credits/ledger.ts), so they hold under any concurrency.
// A path that holds credits itself (an async task) passes holdGuards(...) into holdCredits too.

export type GuardedCaller = {
  user: Pick<UserRow, "plan" | "quotaOverrides">;
  apiKey: ApiKeyRow | null;
  operation: string;
};

export async function holdGuards(
  caller: GuardedCaller,
  meta: Record<string, unknown> = {},
): Promise<Pick<HoldMeta, "quotaUnits" | "quota" | "apiKey">> {
  const units = unitsFor(caller.operation, meta);
  return {
    quotaUnits: units,
    quota: await quotaGuard(caller.user, caller.operation, units),
    apiKey: caller.apiKey ? keyGuard(caller.apiKey) : null,
  };
}

function keyGuard(key: ApiKeyRow): NonNullable<HoldMeta["apiKey"]> {
  const period = asPeriod(key.limitReset);
  const window = keyWindow(period);
  const resetsAtMs = window.resetsAt ? Date.parse(window.resetsAt) : null;
  return {
    id: key.id,
    window: window.start,
    exceeded: () =>
      limitReached(
        resetsAtMs === null
          ? `API 密钥「${key.name}」已达到额度上限（共 ${key.creditLimit} 积分），请在密钥设置中提高额度`
          : `API 密钥「${key.name}」已达到额度上限（${PERIOD_LABEL[period]} ${key.creditLimit} 积分），将于 ${formatWallClock(resetsAtMs, env.APP_TIMEZONE)}（${env.APP_TIMEZONE}）重置`,
        resetsAtMs,
      ),
  };
}

/** 403 when the call's key may not use this model (an empty list allows every model). */
export function assertKeyAllowsModel(key: ApiKeyRow | null, slug: string): void {
  if (!key) return;
  const allowed = parseModels(key.allowedModels);
  if (allowed.length && !allowed.includes(slug))
    throw new ApiError("forbidden", `此 API 密钥不允许使用模型 ${slug}`, { param: "model" });
}

/** A 402 that also says whom to ask for credits, when the operator has set a contact. */
export async function withOperatorContact(err: unknown): Promise<unknown> {
  if (!(err instanceof ApiError) || err.code !== "insufficient_credits") return err;
  const contact = (await getSettings()).operatorContact;
  return contact
    ? new ApiError(err.code, `${err.message}。如需充值请联系：${contact}`, err.options)
    : err;
}
