import { type NextRequest, NextResponse } from "next/server";
import { env } from "@/lib/env";
import { corsHeaders, originMatcher } from "@/lib/cors";

const allowed = originMatcher(env.corsOrigins);

// CORS preflights for every /api/* and /v1/* route are answered here; the route wrappers add the
// CORS headers to actual responses (src/lib/api/cors-route.ts). The proxy runs on nothing else:
// on a request with a body, Next would first read and buffer the whole body for the proxy, so the
// routes could not refuse an oversized one while streaming it in.
// For /admin/* pages it only forwards the requested path, so the admin layout's sign-in
// redirect can come back to the exact page.
export function proxy(req: NextRequest) {
  if (req.nextUrl.pathname.startsWith("/admin")) {
    const headers = new Headers(req.headers);
    headers.set("x-pathname", `${req.nextUrl.pathname}${req.nextUrl.search}`);
    return NextResponse.next({ request: { headers } });
  }
  const origin = req.headers.get("origin");
  if (req.method === "OPTIONS") {
    const ok = origin !== null && allowed(origin);
    return new NextResponse(null, {
      status: 204,
      headers: ok ? corsHeaders(origin) : { vary: "Origin" },
    });
  }
  return NextResponse.next();
}

// Literal values only: Next reads this config statically.
export const config = {
  matcher: [
    { source: "/api/:path*", has: [{ type: "header", key: "access-control-request-method" }] },
    { source: "/v1/:path*", has: [{ type: "header", key: "access-control-request-method" }] },
    "/admin/:path*",
  ],
};
