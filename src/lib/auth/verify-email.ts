import "server-only";
import { jwtVerify, SignJWT } from "jose";
import { grantCredits } from "@/lib/credits/ledger";
import { db, nowIso } from "@/lib/db";
import { env, secrets } from "@/lib/env";
import { logger } from "@/lib/logger";
import { getSettings } from "@/lib/settings/store";
import { mailConfigured, sendMail } from "@/lib/mail";

// Email verification. The link carries a signed token (user id + address, 3 days); verifying
// marks the address verified once and, when mail is configured, grants the sign-up bonus then
// (not at sign-up, so throwaway addresses mint nothing). Without SMTP the link is written to the
// log and the bonus was already granted at sign-up.

const AUDIENCE = "aigc-studio:verify-email";
const TTL_SECONDS = 3 * 24 * 3600;
const key = () => new TextEncoder().encode(secrets().authSecret);

export const VERIFY_PATH = "/api/auth/verify-email";

export async function verificationLink(
  user: { id: string; email: string },
  origin: string,
): Promise<string> {
  const token = await new SignJWT({ email: user.email })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(user.id)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + TTL_SECONDS)
    .sign(key());
  return `${origin}${VERIFY_PATH}?token=${encodeURIComponent(token)}`;
}

/** Mails the link (or, without SMTP, logs it). Never throws: a lost mail must not fail sign-up. */
export async function sendVerification(
  user: { id: string; email: string },
  origin: string,
): Promise<"sent" | "logged" | "failed"> {
  const link = await verificationLink(user, origin);
  if (!mailConfigured()) {
    logger.info({ email: user.email, link }, "email verification link (SMTP_URL not set)");
    return "logged";
  }
  const bonus = await signupBonus();
  try {
    await sendMail({
      to: user.email,
      subject: "验证你的 AIGC Studio 邮箱",
      text: `你好！\n\n请打开下面的链接验证邮箱${bonus > 0 ? `，验证后将获得 ${bonus} 积分` : ""}：\n${link}\n\n链接 3 天内有效。如果不是你本人注册，请忽略这封邮件。`,
    });
    return "sent";
  } catch (err) {
    logger.error({ email: user.email, err: { message: (err as Error).message } }, "mail failed");
    return "failed";
  }
}

/** The operator's signup bonus (console setting), else SIGNUP_CREDITS. */
async function signupBonus(): Promise<number> {
  return (await getSettings()).signupBonus ?? env.SIGNUP_CREDITS;
}

export type VerifyOutcome = "verified" | "already" | "invalid";

/** Verifies the address a link was issued for; the bonus is granted at most once per user. */
export async function verifyEmail(token: string): Promise<VerifyOutcome> {
  let sub: string;
  let email: string;
  try {
    const { payload } = await jwtVerify(token, key(), {
      audience: AUDIENCE,
      algorithms: ["HS256"],
    });
    if (typeof payload.sub !== "string" || typeof payload.email !== "string") return "invalid";
    sub = payload.sub;
    email = payload.email;
  } catch {
    return "invalid";
  }
  const bonusCredits = await signupBonus();
  return db.transaction().execute(async (trx) => {
    // One conditional update decides: of two clicks racing, one verifies and the other finds it done.
    const claimed = await trx
      .updateTable("users")
      .set({ emailVerifiedAt: nowIso() })
      .where("id", "=", sub)
      .where("email", "=", email)
      .where("emailVerifiedAt", "is", null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) {
      const user = await trx
        .selectFrom("users")
        .select("emailVerifiedAt")
        .where("id", "=", sub)
        .where("email", "=", email)
        .executeTakeFirst();
      return user ? "already" : "invalid";
    }
    if (mailConfigured() && bonusCredits > 0) {
      const bonus = await trx
        .selectFrom("credit_transactions")
        .select("id")
        .where("userId", "=", sub)
        .where("reason", "=", "signup_bonus")
        .executeTakeFirst();
      if (!bonus)
        await grantCredits({ userId: sub, delta: bonusCredits, reason: "signup_bonus" }, trx);
    }
    return "verified";
  });
}
