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

// A token's verdict depends only on the token, the secret and the clock, so a good one is
// remembered until it expires: clients send the same token on every call, and the signature
// check (WebCrypto through jose) is a large part of a gateway call's own cost. Bad tokens are not
// remembered (anyone can make endless bad ones). Bounded: when full it simply starts over.
const MAX_REMEMBERED = 10_000;
const g = globalThis as unknown as {
  __aigcVerifiedTokens?: Map<string, { sub: string; exp: number }>;
};
const verified = (g.__aigcVerifiedTokens ??= new Map());

/** The user id inside a valid token, or null. */
export async function verifyToken(token: string): Promise<string | null> {
  const known = verified.get(token);
  if (known) {
    if (known.exp * 1000 > Date.now()) return known.sub;
    verified.delete(token);
    return null;
  }
  try {
    const { payload } = await jwtVerify(token, key(), {
      audience: AUDIENCE,
      algorithms: ["HS256"],
    });
    if (typeof payload.sub !== "string") return null;
    if (typeof payload.exp === "number") {
      if (verified.size >= MAX_REMEMBERED) verified.clear();
      verified.set(token, { sub: payload.sub, exp: payload.exp });
    }
    return payload.sub;
  } catch {
    return null;
  }
}
