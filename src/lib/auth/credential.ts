import "server-only";
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import type { ApiKeyRow, UserRow } from "@/lib/db/schema";
import { secrets } from "@/lib/env";
import { ApiError } from "@/lib/errors";
import { authenticateKey } from "@/lib/keys/authenticate";
import { isKeyShaped } from "@/lib/keys/material";
import { verifyToken } from "./tokens";
import { getUserById } from "./users";

// Who is calling, and with what: the NextAuth session cookie, a login bearer token, or a personal
// API key (`sk-…`). Every answer is checked against the user row read for this very request —
// disabled, or a token version older than the user's — so a sign-out-everywhere, a password
// change or a disable stops every credential at once, on every instance.
//
// Where each may be used is decided by the callers: src/lib/gateway/call.ts (/v1/*, /api/ai/*)
// takes all three; src/lib/auth/caller.ts (account, key and admin routes) refuses keys.

export type Credential =
  | { kind: "session" | "token"; user: UserRow; apiKey: null }
  | { kind: "apiKey"; user: UserRow; apiKey: ApiKeyRow };

export type CredentialResult =
  | { status: "none" }
  | { status: "invalid"; error: ApiError }
  | { status: "ok"; credential: Credential };

const invalid = (message: string): CredentialResult => ({
  status: "invalid",
  error: new ApiError("unauthorized", message),
});

/** Null when the user may act with a credential of token version `tv`, else why not. */
export function refusal(user: UserRow | undefined, tv: number): string | null {
  if (!user) return "登录凭证无效";
  if (user.disabledAt) return "账号已被停用，请联系运营人员";
  if (Number(user.tokenVersion) !== tv) return "登录凭证已失效，请重新登录";
  return null;
}

export async function readCredential(req: NextRequest): Promise<CredentialResult> {
  const header = req.headers.get("authorization");
  if (header !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header.trim());
    if (!match) return invalid("Authorization 头格式应为 Bearer <token>");
    const credential = match[1];
    if (isKeyShaped(credential)) {
      try {
        const { key, user } = await authenticateKey(credential);
        if (user.disabledAt) return invalid("账号已被停用，请联系运营人员");
        return { status: "ok", credential: { kind: "apiKey", user, apiKey: key } };
      } catch (err) {
        if (err instanceof ApiError) return { status: "invalid", error: err };
        throw err;
      }
    }
    const verified = await verifyToken(credential);
    if (!verified) return invalid("登录凭证无效或已过期，请重新登录");
    const user = await getUserById(verified.sub);
    const why = refusal(user, verified.tv);
    if (why || !user) return invalid(why ?? "登录凭证无效");
    return { status: "ok", credential: { kind: "token", user, apiKey: null } };
  }
  const session = await getToken({ req, secret: secrets().authSecret });
  if (!session?.sub) return { status: "none" };
  const user = await getUserById(session.sub);
  const why = refusal(user, typeof session.tv === "number" ? session.tv : 0);
  if (why || !user) return invalid(why ?? "登录已失效，请重新登录");
  return { status: "ok", credential: { kind: "session", user, apiKey: null } };
}
