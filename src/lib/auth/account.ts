import "server-only";
import { sql, type Transaction } from "kysely";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import type { Database, UserRow } from "@/lib/db/schema";
import { ApiError } from "@/lib/errors";
import { revokeAllKeys } from "@/lib/keys/service";
import { hashPassword, verifyPassword } from "./password";
import { issueToken } from "./tokens";

// A user's own account: change the password, sign out everywhere. Both end every login token,
// session and personal key the user has, in one transaction, through the token version.

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, "请输入当前密码").max(200),
  newPassword: z.string().min(8, "新密码至少 8 位").max(200, "密码过长"),
});

/**
 * Bumps the user's token version (every token and session issued before stops on its next use)
 * and revokes their live keys. Returns the new version. For the caller's transaction.
 */
export async function revokeEverything(trx: Transaction<Database>, userId: string) {
  const row = await trx
    .updateTable("users")
    .set({ tokenVersion: sql`"tokenVersion" + 1` })
    .where("id", "=", userId)
    .returning("tokenVersion")
    .executeTakeFirstOrThrow();
  const keys = await revokeAllKeys(trx, userId);
  return { tokenVersion: Number(row.tokenVersion), keysRevoked: keys };
}

type Ctx = { user: UserRow; ip: string | null };

/** Signs out every device and revokes every key; answers a fresh token for this client. */
export async function signOutEverywhere(ctx: Ctx) {
  const result = await db.transaction().execute(async (trx) => {
    const r = await revokeEverything(trx, ctx.user.id);
    await recordAudit(
      {
        actor: { id: ctx.user.id, email: ctx.user.email },
        ip: ctx.ip,
        action: "account.sign_out_everywhere",
        targetType: "user",
        targetId: ctx.user.id,
        diff: { keysRevoked: r.keysRevoked },
      },
      trx,
    );
    return r;
  });
  return { keysRevoked: result.keysRevoked };
}

export async function changePassword(input: z.infer<typeof changePasswordSchema>, ctx: Ctx) {
  if (!(await verifyPassword(input.currentPassword, ctx.user.passwordHash)))
    throw new ApiError("invalid_request", "当前密码不正确", { param: "currentPassword" });
  const passwordHash = await hashPassword(input.newPassword);
  const result = await db.transaction().execute(async (trx) => {
    await trx.updateTable("users").set({ passwordHash }).where("id", "=", ctx.user.id).execute();
    const r = await revokeEverything(trx, ctx.user.id);
    await recordAudit(
      {
        actor: { id: ctx.user.id, email: ctx.user.email },
        ip: ctx.ip,
        action: "account.password_change",
        targetType: "user",
        targetId: ctx.user.id,
        diff: { keysRevoked: r.keysRevoked },
      },
      trx,
    );
    return r;
  });
  // The device that changed the password stays signed in (the web signs in again with it).
  const { token, expiresAt } = await issueToken(ctx.user.id, result.tokenVersion);
  return { token, tokenType: "Bearer", expiresAt, keysRevoked: result.keysRevoked };
}
