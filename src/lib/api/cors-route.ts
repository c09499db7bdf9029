import "server-only";
import { corsHeaders, originMatcher } from "@/lib/cors";
import { env } from "@/lib/env";

// CORS on actual responses (contract §1), added by the route wrappers (withPublic/withUser/
// withAdmin, aiRoute) so it holds on every route. src/proxy.ts only answers preflights: a Next
// proxy that runs on a request carrying a body makes Next read (and buffer) the whole body before
// the route runs, which would defeat the body limits enforced while streaming it in.

const allowed = originMatcher(env.corsOrigins);

function headersFor(req: Request): Record<string, string> | null {
  const origin = req.headers.get("origin");
  return origin !== null && allowed(origin) ? corsHeaders(origin) : null;
}

export function corsPreflight(req: Request): Response {
  return new Response(null, { status: 204, headers: headersFor(req) ?? { vary: "Origin" } });
}

/** Adds the CORS headers for the request's origin (when allowed) to a response. */
export function applyCors(req: Request, res: Response): Response {
  const cors = headersFor(req);
  if (!cors) return res;
  try {
    for (const [k, v] of Object.entries(cors)) res.headers.set(k, v);
    return res;
  } catch {
    // Response.redirect() and friends have immutable headers: copy them into a new response.
    const copy = new Response(res.body, res);
    for (const [k, v] of Object.entries(cors)) copy.headers.set(k, v);
    return copy;
  }
}

export function withCors<R extends Request, A extends unknown[]>(
  handler: (req: R, ...rest: A) => Promise<Response>,
) {
  return async (req: R, ...rest: A): Promise<Response> =>
    applyCors(req, await handler(req, ...rest));
}
