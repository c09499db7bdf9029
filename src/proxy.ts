import { type NextRequest, NextResponse } from "next/server";
import { env } from "@/lib/env";
import { corsHeaders, originMatcher } from "@/lib/cors";

const allowed = originMatcher(env.corsOrigins);

// CORS for every /api/* and /v1/* route: preflights are answered here, and allowed origins
// get the headers added to whatever the route handler answers (streams included).
// For /admin/* pages it only forwards the requested path, so the admin layout's sign-in
// redirect can come back to the exact page.
export function proxy(req: NextRequest) {
  if (req.nextUrl.pathname.startsWith("/admin")) {
    const headers = new Headers(req.headers);
    headers.set("x-pathname", `${req.nextUrl.pathname}${req.nextUrl.search}`);
    return NextResponse.next({ request: { headers } });
  }
  const origin = req.headers.get("origin");
  const ok = origin !== null && allowed(origin);
  if (req.method === "OPTIONS" && req.headers.has("access-control-request-method")) {
    return new NextResponse(null, {
      status: 204,
      headers: ok ? corsHeaders(origin) : { vary: "Origin" },
    });
  }
  const res = NextResponse.next();
  if (ok) for (const [k, v] of Object.entries(corsHeaders(origin))) res.headers.set(k, v);
  return res;
}

// Left out, applying the same CORS rules themselves (src/lib/api/cors-route.ts): the image edit
// routes, because a proxy makes Next buffer and read the entire request body before the route
// runs, so an oversized upload could not be cut off early; and chat completions, the gateway's
// hot path, where the proxy's extra pipeline and body copy were a large share of each call; and
// video creation (POST /v1/videos takes a multipart reference image, like the edits).
export const config = {
  matcher: [
    "/api/((?!ai/images/edits|ai/chat/completions|ai/videos$).*)",
    "/v1/((?!images/edits|chat/completions|videos$).*)",
    "/admin/:path*",
  ],
};
