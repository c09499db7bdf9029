import "server-only";
import { corsHeaders, originMatcher } from "@/lib/cors";
import { env } from "@/lib/env";

// CORS for the routes src/proxy.ts skips: running the proxy on a request makes Next read the
// whole body before the route sees it (it clones it for the proxy), which would defeat cutting
// an oversized upload off early, and costs the chat gateway a second pipeline per call. Same
// rules as the proxy (contract §1).

const allowed = originMatcher(env.corsOrigins);

function headersFor(req: Request): Record<string, string> | null {
  const origin = req.headers.get("origin");
  return origin !== null && allowed(origin) ? corsHeaders(origin) : null;
}

export function corsPreflight(req: Request): Response {
  return new Response(null, { status: 204, headers: headersFor(req) ?? { vary: "Origin" } });
}

export function withCors<R extends Request, A extends unknown[]>(
  handler: (req: R, ...rest: A) => Promise<Response>,
) {
  return async (req: R, ...rest: A): Promise<Response> => {
    const res = await handler(req, ...rest);
    for (const [k, v] of Object.entries(headersFor(req) ?? {})) res.headers.set(k, v);
    return res;
  };
}
