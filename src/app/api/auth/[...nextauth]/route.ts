import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { clientIp } from "@/lib/api/handler";
import { signInOptions } from "@/lib/auth/options";

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: NextRequest, ctx: Ctx) {
  // The caller's address goes to the sign-in throttle (per IP).
  return NextAuth(req, { params: await ctx.params }, signInOptions(clientIp(req)));
}

export { handler as GET, handler as POST };
