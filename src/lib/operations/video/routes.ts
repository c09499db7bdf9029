import "server-only";
import type { NextRequest } from "next/server";
import { type AiCall, aiRoute } from "@/lib/gateway/call";

// Route handlers for /v1/videos/{id}… (and the /api/ai twins): the AI wrapper (auth, limits,
// error shape, x-request-id) with the video id from the path.

export function videoIdRoute(handler: (call: AiCall, id: string) => Promise<Response>) {
  return async (req: NextRequest, ctx: { params: Promise<{ id: string }> }) => {
    const { id } = await ctx.params;
    return aiRoute("video.generate", (call) => handler(call, id))(req);
  };
}
