import "server-only";
import type { UserRow } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/errors";
import { limitStore, type Rule } from "@/lib/rate-limit";
import { authenticate } from "./users";

// Password sign-in for both doors (POST /api/auth/token and the NextAuth Credentials provider),
// with failed attempts throttled per account and per IP: after SIGNIN_FAILURES_PER_ACCOUNT
// failures for one address, or SIGNIN_FAILURES_PER_IP from one address, within
// SIGNIN_LOCK_MINUTES, further attempts are refused with 429 before the password is even checked
// (so a lock also stops the guessing). A success clears its account's count. The counts live in
// the rate-limit store, so with REDIS_URL every instance shares them.

const windowMs = () => env.SIGNIN_LOCK_MINUTES * 60_000;

function rules(email: string, ip: string): Rule[] {
  return [
    { key: `signin-acct:${email}`, limit: env.SIGNIN_FAILURES_PER_ACCOUNT, windowMs: windowMs() },
    // Callers whose address is not known share no bucket: one of them failing must not lock
    // out all the others.
    ...(ip === "unknown"
      ? []
      : [{ key: `signin-ip:${ip}`, limit: env.SIGNIN_FAILURES_PER_IP, windowMs: windowMs() }]),
  ].filter((r) => r.limit > 0);
}

async function assertNotLocked(email: string, ip: string): Promise<void> {
  const active = rules(email, ip);
  if (!active.length) return;
  const at = Date.now();
  const verdict = await limitStore().peek(active, at);
  if (verdict.allowed) return;
  let waitMs = 0;
  for (const s of verdict.states)
    if (s.count >= s.rule.limit && s.oldest !== null)
      waitMs = Math.max(waitMs, s.oldest + s.rule.windowMs - at);
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  throw new ApiError("rate_limited", `登录失败次数过多，请 ${Math.ceil(seconds / 60)} 分钟后再试`, {
    headers: { "retry-after": String(seconds) },
  });
}

/** The user for a correct email + password; 401 wrong, 403 disabled, 429 while locked. */
export async function signInWithPassword(
  email: string,
  password: string,
  ip: string,
): Promise<UserRow> {
  const address = email.trim().toLowerCase();
  await assertNotLocked(address, ip);
  const user = await authenticate(address, password);
  if (!user) {
    const active = rules(address, ip);
    if (active.length) await limitStore().hit(active, Date.now());
    throw new ApiError("unauthorized", "邮箱或密码错误");
  }
  if (user.disabledAt) throw new ApiError("forbidden", "账号已被停用，请联系运营人员");
  await limitStore().reset([`signin-acct:${address}`]);
  return user;
}
