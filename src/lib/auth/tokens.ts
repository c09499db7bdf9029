import "server-only";
import { jwtVerify, SignJWT } from "jose";
import { secrets } from "@/lib/env";

// Bearer tokens for the mobile shell and OpenAI SDK clients. Signed with the session secret;
// a separate audience keeps them from being confused with NextAuth's session JWTs. Each carries
// the user's token version (`tv`) at issue: bumping the version (sign out everywhere, password
// change, disable) makes every older token fail the check in src/lib/auth/credential.ts.
const AUDIENCE = "aigc-studio:api";
const TTL_SECONDS = 30 * 24 * 3600;

const key = () => new TextEncoder().encode(secrets().authSecret);

export type VerifiedToken = { sub: string; tv: number };

export async function issueToken(
  userId: string,
  tokenVersion: number,
): Promise<{ token: string; expiresAt: string }> {
  const exp = Math.floor(Date.now() / 1000) + TTL_SECONDS;
  const token = await new SignJWT({ tv: tokenVersion })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(userId)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(exp)
    .sign(key());
  return { token, expiresAt: new Date(exp * 1000).toISOString() };
}

// A token's signature verdict depends only on the token, the secret and the clock, so a good one
// is remembered until it expires: clients send the same token on every call, and the signature
// check (WebCrypto through jose) is a large part of a gateway call's own cost. What is remembered
// is the token's subject and version — never whether it is still honoured: that is decided on
// every call against the user row (version, disabled), so revocation is immediate on every
// instance whatever this cache holds. Bad tokens are not remembered (anyone can make endless bad
// ones). Bounded: when full it simply starts over.
const MAX_REMEMBERED = 10_000;
const g = globalThis as unknown as {
  __aigcVerifiedTokens?: Map<string, VerifiedToken & { exp: number }>;
};
const verified = (g.__aigcVerifiedTokens ??= new Map());

/** The subject and token version inside a validly signed, unexpired token, or null. */
export async function verifyToken(token: string): Promise<VerifiedToken | null> {
  const known = verified.get(token);
  if (known) {
    if (known.exp * 1000 > Date.now()) return { sub: known.sub, tv: known.tv };
    verified.delete(token);
    return null;
  }
  try {
    const { payload } = await jwtVerify(token, key(), {
      audience: AUDIENCE,
      algorithms: ["HS256"],
    });
    if (typeof payload.sub !== "string") return null;
    // Tokens issued before versions existed carry none: they belong to version 0.
    const tv = typeof payload.tv === "number" ? payload.tv : 0;
    if (typeof payload.exp === "number") {
      if (verified.size >= MAX_REMEMBERED) verified.clear();
      verified.set(token, { sub: payload.sub, tv, exp: payload.exp });
    }
    return { sub: payload.sub, tv };
  } catch {
    return null;
  }
}
