import "server-only";
import { getServerSession } from "next-auth";
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import type { UserRow } from "@/lib/db/schema";
import { secrets } from "@/lib/env";
import { authOptions } from "./options";
import { verifyToken } from "./tokens";
import { getUserById } from "./users";

/** The signed-in user of an API request: a Bearer token or the NextAuth session cookie. */
export async function getCaller(req: NextRequest): Promise<UserRow | null> {
  const header = req.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    const userId = match ? await verifyToken(match[1]) : null;
    return userId ? ((await getUserById(userId)) ?? null) : null;
  }
  const session = await getToken({ req, secret: secrets().authSecret });
  return session?.sub ? ((await getUserById(session.sub)) ?? null) : null;
}

/** The signed-in user for a server component or page. */
export async function getPageUser(): Promise<UserRow | null> {
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  return id ? ((await getUserById(id)) ?? null) : null;
}
