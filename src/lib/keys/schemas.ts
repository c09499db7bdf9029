import { z } from "zod";
import { PERIOD_KINDS, type PeriodKind } from "@/lib/time/periods";

// Personal API keys as the API takes and returns them (GET/POST/PATCH /api/keys). Pure: the
// /me/keys form validates with the same rules.

export const MAX_KEYS_PER_USER = 50;

const name = z.string().trim().min(1, "请填写名称").max(50, "名称最多 50 个字符");
const allowedModels = z
  .array(z.string().trim().min(1).max(200), "allowedModels 必须是模型标识的数组")
  .max(100, "最多 100 个模型")
  .transform((list) => [...new Set(list)]);
const creditLimit = z
  .number("额度必须是整数")
  .int("额度必须是整数")
  .min(1, "额度至少为 1")
  .max(1_000_000_000, "额度过大")
  .nullable();
const rpm = z
  .number("每分钟请求数必须是整数")
  .int("每分钟请求数必须是整数")
  .min(1, "每分钟请求数至少为 1")
  .max(100_000, "每分钟请求数过大")
  .nullable();
const expiresAt = z.iso
  .datetime({ offset: true, message: "过期时间必须是 ISO 8601 时间" })
  .transform((s) => new Date(s).toISOString())
  .nullable();

export const createKeySchema = z
  .object({
    name,
    allowedModels: allowedModels.default([]),
    creditLimit: creditLimit.default(null),
    limitReset: z.enum(PERIOD_KINDS).default("none"),
    rpm: rpm.default(null),
    expiresAt: expiresAt.default(null),
  })
  .strict();
export type CreateKeyInput = z.infer<typeof createKeySchema>;

export const updateKeySchema = z
  .object({
    name,
    allowedModels,
    creditLimit,
    limitReset: z.enum(PERIOD_KINDS),
    rpm,
    expiresAt,
    enabled: z.boolean("enabled 必须是布尔值"),
  })
  .partial()
  .strict();
export type UpdateKeyInput = z.infer<typeof updateKeySchema>;

export type KeyStatus = "active" | "disabled" | "expired" | "revoked";

/** A key as its owner (and an admin) sees it: never the key itself. */
export type ApiKeyView = {
  id: string;
  name: string;
  /** e.g. "sk-AbCd…wxyz" */
  display: string;
  allowedModels: string[];
  creditLimit: number | null;
  limitReset: PeriodKind;
  /** Credits spent (held or charged) in the current limit window. */
  spent: number;
  /** When the current window ends (ISO); null when the limit never resets. */
  resetsAt: string | null;
  rpm: number | null;
  expiresAt: string | null;
  enabled: boolean;
  status: KeyStatus;
  revokedAt: string | null;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  createdAt: string;
};

export const KEY_STATUS_LABEL: Record<KeyStatus, string> = {
  active: "可用",
  disabled: "已停用",
  expired: "已过期",
  revoked: "已撤销",
};

export const PERIOD_LABEL: Record<PeriodKind, string> = {
  none: "不重置",
  daily: "每天",
  weekly: "每周",
  monthly: "每月",
};
