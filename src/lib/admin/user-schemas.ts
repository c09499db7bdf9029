import { z } from "zod";
import { quotaTableSchema } from "@/lib/settings/schema";

// The operator console's user queries and edits. Pure: shared with the admin forms.

export const userListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const userPatchSchema = z
  .object({
    role: z.enum(["user", "admin"], "角色只能是 user 或 admin"),
    disabled: z.boolean("disabled 必须是布尔值"),
    plan: z.string().trim().min(1, "请选择配额方案").max(32),
    /** Operation id → limit; null = unlimited; an operation left out follows the plan. */
    quotaOverrides: quotaTableSchema,
    /** Why (kept in the audit row). */
    reason: z.string().trim().max(200, "原因最多 200 个字符"),
  })
  .partial()
  .strict();
export type UserPatch = z.infer<typeof userPatchSchema>;

export const usageRowsQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** A user as the console lists them. */
export type AdminUserSummary = {
  id: string;
  email: string;
  name: string;
  role: "user" | "admin";
  credits: number;
  plan: string;
  disabledAt: string | null;
  createdAt: string;
};
