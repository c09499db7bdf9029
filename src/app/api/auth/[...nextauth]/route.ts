import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { withCors } from "@/lib/api/cors-route";
import { clientIp } from "@/lib/api/handler";
import { signInOptions } from "@/lib/auth/options";

type Ctx = { params: Promise<{ nextauth: string[] }> };

// The caller's address goes to the sign-in throttle (per IP).
const handler = withCors(async (req: NextRequest, ctx: Ctx) =>
  NextAuth(req, { params: await ctx.params }, signInOptions(clientIp(req))),
);

export { handler as GET, handler as POST };
