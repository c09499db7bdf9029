import "server-only";
import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import type { NextRequest } from "next/server";
import type { UserRow } from "@/lib/db/schema";
import { isKeyShaped } from "@/lib/keys/material";
import { readCredential, refusal } from "./credential";
import { authOptions } from "./options";
import { getUserById } from "./users";

/**
 * The signed-in user of an account, key or admin route: the session cookie or a login bearer
 * token. Personal API keys are for /v1/* and /api/ai/* only, so they are not a caller here.
 */
export async function getCaller(req: NextRequest): Promise<UserRow | null> {
  const result = await readCredential(req);
  return result.status === "ok" && result.credential.kind !== "apiKey"
    ? result.credential.user
    : null;
}

/** The 401 message for a request that has no usable caller on an account/admin route. */
export function callerMissingMessage(req: NextRequest): string {
  const header = req.headers.get("authorization") ?? "";
  const credential = /^Bearer\s+(\S+)/i.exec(header.trim())?.[1];
  return credential && isKeyShaped(credential)
    ? "个人 API 密钥只能用于 /v1 与 /api/ai 接口，此接口请使用登录凭证"
    : "请先登录";
}

/** NextAuth's session cookie, under either of its names, whole or in chunks (`.0`, `.1`, …). */
const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

/** The signed-in user for a server component or page (same checks as every API call). */
export async function getPageUser(): Promise<UserRow | null> {
  // Most page views are anonymous: with no session cookie there is no session to decode, and
  // getServerSession (it runs NextAuth's whole session handler) is skipped.
  if (!(await cookies()).getAll().some((c) => SESSION_COOKIE.test(c.name))) return null;
  const session = await getServerSession(authOptions());
  const sessionUser = session?.user as { id?: string; tv?: number } | undefined;
  if (!sessionUser?.id) return null;
  const user = await getUserById(sessionUser.id);
  return refusal(user, sessionUser.tv ?? 0) ? null : (user ?? null);
}
