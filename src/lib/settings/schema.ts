import { z } from "zod";
import { isOperation } from "@/lib/operations/registry";

// Operator settings, stored in the database and live on every instance the moment they commit
// (src/lib/settings/store.ts). Pure: the admin form validates with the same schema.

export const PLAN_NAME = /^[a-z0-9][a-z0-9_-]{0,31}$/;
export const DEFAULT_PLAN = "default";

/** A daily limit: a count of units, or null for no limit. */
export const dailyLimitSchema = z
  .number("额度必须是整数")
  .int("额度必须是整数")
  .min(0, "额度不能为负数")
  .max(10_000_000, "额度过大")
  .nullable();

/** Operation id → daily limit. Keys are operations of the registry, so new ones fit as they land. */
export const quotaTableSchema = z
  .record(z.string(), dailyLimitSchema)
  .refine((t) => Object.keys(t).every(isOperation), "未知的操作类型");
export type QuotaTable = z.infer<typeof quotaTableSchema>;

export const settingsSchema = z.object({
  /** Credits for a new account; null = the SIGNUP_CREDITS environment default. */
  signupBonus: z
    .number("注册赠送必须是整数")
    .int("注册赠送必须是整数")
    .min(0, "注册赠送不能为负数")
    .max(1_000_000, "注册赠送过大")
    .nullable(),
  /** Shown to users who run out of credits (402 messages, /credits, the creator). */
  operatorContact: z.string().trim().max(200, "联系方式最多 200 个字符"),
  /** One line across the top of the site; empty = none. */
  announcement: z.string().trim().max(500, "公告最多 500 个字符"),
  /** Plan name → daily limits per operation. "default" applies to every user without a plan. */
  quotaPlans: z
    .record(z.string().regex(PLAN_NAME, "方案名只能用小写字母、数字、- 和 _"), quotaTableSchema)
    .refine((p) => DEFAULT_PLAN in p, "必须保留 default 方案"),
});
export type Settings = z.infer<typeof settingsSchema>;

export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = {
  signupBonus: null,
  operatorContact: "",
  announcement: "",
  quotaPlans: { [DEFAULT_PLAN]: {} },
};

/** What anyone may read (GET /api/settings/public). */
export type PublicSettings = { announcement: string; operatorContact: string };
