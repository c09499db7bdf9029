import "server-only";
import type { NextRequest } from "next/server";
import { ZodError } from "zod";
import { callerMissingMessage, getCaller } from "@/lib/auth/caller";
import type { UserRow } from "@/lib/db/schema";
import { ApiError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { logger } from "@/lib/logger";
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

export function clientIp(req: NextRequest): string {
  const fwd = req.headers.get("x-forwarded-for");
  return fwd?.split(",")[0].trim() || req.headers.get("x-real-ip") || "unknown";
}

export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json; charset=utf-8");
  return new Response(JSON.stringify(body), { ...init, headers });
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
      const res = await handler({ req, params, requestId, user, ip: clientIp(req) });
      if (!res.headers.has("x-request-id")) res.headers.set("x-request-id", requestId);
      return res;
    } catch (err) {
      return handleError(err, requestId);
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

/** Parses a JSON body; an empty or malformed body is a 400, not a 500. */
export async function readJson(req: NextRequest): Promise<unknown> {
  const text = await req.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError("invalid_request", "请求体不是合法的 JSON");
  }
}
