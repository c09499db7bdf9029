import "server-only";
import { db, nowIso } from "@/lib/db";
import { prepared } from "@/lib/db/prepared";
import type { Role, UserRow } from "@/lib/db/schema";
import { grantCredits } from "@/lib/credits/ledger";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { mailConfigured } from "@/lib/mail";
import { getSettings } from "@/lib/settings/store";
import { hashPassword, verifyPassword } from "./password";
import type { RegisterInput } from "./schemas";

export type PublicUser = Omit<UserRow, "passwordHash" | "tokenVersion" | "quotaOverrides">;

/** The user as answers show it: no password hash, no internal revocation or quota fields. */
export function toPublicUser(user: UserRow): PublicUser {
  const { passwordHash: _hash, tokenVersion: _tv, quotaOverrides: _q, ...rest } = user;
  return rest;
}

/**
 * Creates a user and gives the signup bonus (the operator's setting, else SIGNUP_CREDITS) through
 * the ledger, in one transaction — unless mail is configured, in which case the bonus waits for the
 * address to be verified (verify-email.ts). The admin ensured at boot is verified by definition.
 */
export async function registerUser(input: RegisterInput, role: Role = "user"): Promise<PublicUser> {
  const bonusNow = role === "admin" || !mailConfigured();
  const bonus = (await getSettings()).signupBonus ?? env.SIGNUP_CREDITS;
  const taken = await db
    .selectFrom("users")
    .select("id")
    .where("email", "=", input.email)
    .executeTakeFirst();
  if (taken) throw new ApiError("conflict", "该邮箱已注册", { param: "email" });
  const user: UserRow = {
    id: newId("u_"),
    email: input.email,
    name: input.name || input.email.split("@")[0],
    passwordHash: await hashPassword(input.password),
    role,
    credits: 0,
    createdAt: nowIso(),
    emailVerifiedAt: role === "admin" ? nowIso() : null,
    tokenVersion: 0,
    disabledAt: null,
    plan: "default",
    quotaOverrides: "{}",
  };
  try {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto("users").values(user).execute();
      if (bonusNow && bonus > 0) {
        await grantCredits({ userId: user.id, delta: bonus, reason: "signup_bonus" }, trx);
      }
    });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE") {
      throw new ApiError("conflict", "该邮箱已注册", { param: "email" });
    }
    throw err;
  }
  return toPublicUser({ ...user, credits: bonusNow ? bonus : 0 });
}

export async function authenticate(email: string, password: string): Promise<UserRow | null> {
  const user = await db
    .selectFrom("users")
    .selectAll()
    .where("email", "=", email.trim().toLowerCase())
    .executeTakeFirst();
  if (!user) return null;
  return (await verifyPassword(password, user.passwordHash)) ? user : null;
}

// Read on every authenticated call (compiled once: db/prepared.ts).
const userById = prepared((db, v: { id: string }) =>
  db.selectFrom("users").selectAll().where("id", "=", v.id),
);

export async function getUserById(id: string): Promise<UserRow | undefined> {
  return (await userById(db, { id })).rows[0];
}

/** Makes sure ADMIN_EMAIL exists with role admin and password ADMIN_PASSWORD (contract §0). */
export async function ensureAdmin(): Promise<void> {
  const email = env.ADMIN_EMAIL.toLowerCase();
  const existing = await db
    .selectFrom("users")
    .selectAll()
    .where("email", "=", email)
    .executeTakeFirst();
  if (!existing) {
    await registerUser({ email, password: env.ADMIN_PASSWORD, name: "管理员" }, "admin");
    return;
  }
  const passwordOk = await verifyPassword(env.ADMIN_PASSWORD, existing.passwordHash);
  if (existing.role !== "admin" || !passwordOk) {
    await db
      .updateTable("users")
      .set({
        role: "admin",
        passwordHash: passwordOk ? existing.passwordHash : await hashPassword(env.ADMIN_PASSWORD),
      })
      .where("id", "=", existing.id)
      .execute();
  }
}
