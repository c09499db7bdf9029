import "server-only";
import { jwtVerify, SignJWT } from "jose";
import { secrets } from "@/lib/env";

// Bearer tokens for the mobile shell and OpenAI SDK clients. Signed with the session secret;
// a separate audience keeps them from being confused with NextAuth's session JWTs.
const AUDIENCE = "aigc-studio:api";
const TTL_SECONDS = 30 * 24 * 3600;

const key = () => new TextEncoder().encode(secrets().authSecret);

export async function issueToken(userId: string): Promise<{ token: string; expiresAt: string }> {
  const exp = Math.floor(Date.now() / 1000) + TTL_SECONDS;
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(userId)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(exp)
    .sign(key());
  return { token, expiresAt: new Date(exp * 1000).toISOString() };
}

/** The user id inside a valid token, or null. */
export async function verifyToken(token: string): Promise<string | null> {
  try {
    const { payload } = await jwtVerify(token, key(), { audience: AUDIENCE, algorithms: ["HS256"] });
    return typeof payload.sub === "string" ? payload.sub : null;
  } catch {
    return null;
  }
}
