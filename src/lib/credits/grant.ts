import "server-only";
import { z } from "zod";
import { type AdminContext, recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { ApiError } from "@/lib/errors";
import { type CreditTransaction, toCreditTransaction } from "./history";
import { grantCredits } from "./ledger";

export const grantSchema = z
  .object({
    userId: z.string().min(1).max(100).optional(),
    email: z.string().trim().toLowerCase().email("邮箱格式不正确").optional(),
    delta: z
      .number("delta 必须是整数")
      .int("delta 必须是整数")
      .refine((d) => d !== 0, "delta 不能为 0")
      .refine((d) => Math.abs(d) <= 1_000_000_000, "delta 超出范围"),
    reason: z.string().trim().min(1, "请填写原因").max(200, "原因最多 200 个字符"),
  })
  .refine((v) => v.userId || v.email, { message: "需要 userId 或 email", path: ["userId"] });

/** Grants (or, negative, removes) credits; the ledger row and its audit row commit together. */
export async function adminGrant(
  input: z.infer<typeof grantSchema>,
  ctx: AdminContext,
): Promise<{ credits: number; transaction: CreditTransaction }> {
  let q = db.selectFrom("users").select(["id", "email"]);
  q = input.userId ? q.where("id", "=", input.userId) : q.where("email", "=", input.email!);
  const target = await q.executeTakeFirst();
  if (!target)
    throw new ApiError("not_found", "用户不存在", { param: input.userId ? "userId" : "email" });
  return db.transaction().execute(async (trx) => {
    const { credits, transaction } = await grantCredits(
      {
        userId: target.id,
        delta: input.delta,
        reason: "admin_grant",
        meta: { note: input.reason },
      },
      trx,
    );
    await recordAudit(
      {
        ...ctx,
        action: "credits.grant",
        targetType: "user",
        targetId: target.id,
        diff: { email: target.email, delta: input.delta, reason: input.reason, credits },
      },
      trx,
    );
    return { credits: Number(credits), transaction: toCreditTransaction(transaction) };
  });
}
