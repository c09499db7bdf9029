import "server-only";
import type { NextRequest } from "next/server";
import { ZodError } from "zod";
import { readJsonBody, SMALL_JSON_MAX_BYTES } from "@/lib/api/body";
import { carry } from "@/lib/api/body-bytes";

export { SMALL_JSON_MAX_BYTES };
import { applyCors } from "@/lib/api/cors-route";
import { callerMissingMessage, getCaller } from "@/lib/auth/caller";
import type { UserRow } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { logger } from "@/lib/logger";
import { clientFromChain } from "@/lib/net/proxies";
import { redactText } from "@/lib/redact";

// The wrapper owns auth and the error path (style.md habit 1): handlers hold only the happy
// path and throw ApiError; handleError turns anything thrown into the contract's error shape.

type RouteContext<P> = { params: Promise<P> };

export type HandlerArgs<P, U> = {
  req: NextRequest;
  params: P;
  requestId: string;
  user: U;
  ip: string;
};

type Handler<P, U> = (args: HandlerArgs<P, U>) => Promise<Response> | Response;

/**
 * The caller's address. X-Forwarded-For reaches a route only from a trusted proxy (anything else
 * is dropped by src/lib/api/server-hooks.ts, and Next.js then sets it to the TCP peer).
 */
export function clientIp(req: NextRequest): string {
  return clientFromChain(req.headers.get("x-forwarded-for"), env.trustedProxies) ?? "unknown";
}

export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json; charset=utf-8");
  const text = JSON.stringify(body);
  return carry(new Response(text, { ...init, headers }), text);
}

export function handleError(err: unknown, requestId: string): Response {
  let apiError: ApiError;
  if (err instanceof ApiError) {
    apiError = err;
  } else if (err instanceof ZodError) {
    const issue = err.issues[0];
    const param = issue?.path.join(".") || null;
    apiError = new ApiError(
      "invalid_request",
      param ? `${param}: ${issue.message}` : (issue?.message ?? "请求参数不合法"),
      {
        param: param ?? undefined,
      },
    );
  } else if (err instanceof SyntaxError) {
    apiError = new ApiError("invalid_request", "请求体不是合法的 JSON");
  } else {
    const detail = err instanceof Error ? `${err.message}\n${err.stack ?? ""}` : String(err);
    logger.error({ requestId, err: redactText(detail) }, "unhandled error");
    apiError = new ApiError("internal_error", "服务器内部错误");
  }
  const headers = new Headers(apiError.options.headers);
  headers.set("x-request-id", requestId);
  return json(apiError.toBody(requestId), { status: apiError.status, headers });
}

function wrap<P, U>(resolveUser: (req: NextRequest) => Promise<U>, handler: Handler<P, U>) {
  return async (req: NextRequest, ctx: RouteContext<P>): Promise<Response> => {
    const requestId = req.headers.get("x-request-id")?.slice(0, 100) || newId("req_");
    try {
      const user = await resolveUser(req);
      const params = (await ctx?.params) ?? ({} as P);
      const res = applyCors(
        req,
        await handler({ req, params, requestId, user, ip: clientIp(req) }),
      );
      if (!res.headers.has("x-request-id")) res.headers.set("x-request-id", requestId);
      return res;
    } catch (err) {
      return applyCors(req, handleError(err, requestId));
    }
  };
}

async function requireUser(req: NextRequest): Promise<UserRow> {
  const user = await getCaller(req);
  if (!user) throw new ApiError("unauthorized", callerMissingMessage(req));
  return user;
}

/** No sign-in needed; `user` is the caller when there is one. */
export const withOptionalUser = <P = object>(h: Handler<P, UserRow | null>) => wrap(getCaller, h);
export const withUser = <P = object>(h: Handler<P, UserRow>) => wrap(requireUser, h);
export const withAdmin = <P = object>(h: Handler<P, UserRow>) =>
  wrap(async (req) => {
    const user = await requireUser(req);
    if (user.role !== "admin") throw new ApiError("forbidden", "需要管理员权限");
    return user;
  }, h);
export const withPublic = <P = object>(h: Handler<P, null>) => wrap(async () => null, h);

/**
 * Parses a JSON body, read while it streams in: empty → {}, malformed or too deep → 400, over
 * `maxBytes` → 413 without reading the rest (src/lib/api/body.ts). The default fits the largest
 * chat request; routes whose bodies are small by nature pass SMALL_JSON_MAX_BYTES.
 */
export function readJson(req: NextRequest, maxBytes?: number): Promise<unknown> {
  return readJsonBody(req, maxBytes);
}
