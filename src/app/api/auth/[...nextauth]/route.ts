import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { withCors } from "@/lib/api/cors-route";
import { authOptions } from "@/lib/auth/options";

type Ctx = { params: Promise<{ nextauth: string[] }> };

const handler = withCors(async (req: NextRequest, ctx: Ctx) =>
  NextAuth(req, { params: await ctx.params }, authOptions()),
);

export { handler as GET, handler as POST };
