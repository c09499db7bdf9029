import {
  DEFAULT_PLAN,
  type QuotaTable,
  quotaTableSchema,
  type Settings,
} from "@/lib/settings/schema";
import { QUOTA_OPERATIONS } from "./units";

// A user's daily limits: their plan's table (or the default plan's, when the plan is gone),
// with their own overrides on top. In an override, null means "no limit" and a missing key means
// "as the plan says". Pure, for the server and the admin forms alike.

export const overridesSchema = quotaTableSchema;

export function parseOverrides(raw: string): QuotaTable {
  if (raw === "{}") return {}; // most users, on every billed call
  try {
    const parsed = overridesSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** Operation id → limit (null = unlimited) for every quota operation. */
export function effectiveLimits(
  user: { plan: string; quotaOverrides: string },
  settings: Pick<Settings, "quotaPlans">,
): Record<string, number | null> {
  const plan = settings.quotaPlans[user.plan] ?? settings.quotaPlans[DEFAULT_PLAN] ?? {};
  const overrides = parseOverrides(user.quotaOverrides);
  const out: Record<string, number | null> = {};
  for (const op of QUOTA_OPERATIONS) {
    const v = op.id in overrides ? overrides[op.id] : plan[op.id];
    out[op.id] = v === undefined ? null : v;
  }
  return out;
}
