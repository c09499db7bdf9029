import "server-only";
import http from "node:http";
import { corsHeaders, originMatcher } from "@/lib/cors";
import { env } from "@/lib/env";
import { ApiError, type ErrorCode } from "@/lib/errors";
import { newId } from "@/lib/ids";

// What must happen to every request before Next.js sees it, and to a few answers Next.js makes
// on its own. Installed once per process at boot (src/instrumentation.ts) on http.Server, the only
// place that sees the TCP peer and every request, whichever route (or none) it reaches:
//
// - X-Forwarded-* (and X-Real-IP, Forwarded) are dropped unless the peer is a TRUSTED_PROXIES
//   entry; Next.js then fills X-Forwarded-For/-Host/-Proto from the socket and the Host header,
//   so every reader (rate limits, media URLs, NextAuth) gets values a client cannot forge.
// - On /api/* and /v1/*, a path whose percent-encoding does not decode is answered 400 here:
//   Next.js would fail decoding its route params and answer a plain-text 500.
// - Once an answer is sent, what is left of an unread request body is discarded only up to a
//   bound, then the connection is cut (Node would otherwise read any amount to reuse it).
// - On /api/* and /v1/*, answers Next.js makes without a body (405 for a method a route file does
//   not export) or with its plain-text error page get the contract's JSON error shape, so every
//   route — including ones added later — is covered without anything in its own file.

const FORWARDED = [
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-real-ip",
  "forwarded",
];
const API_PATH = /^\/(?:api|v1)(?:\/|$)/;
const MESSAGES: Partial<Record<ErrorCode, string>> = {
  method_not_allowed: "该接口不支持此请求方法",
  internal_error: "服务器内部错误",
};

const allowed = originMatcher(env.corsOrigins);

function pathOf(url: string | undefined): string {
  const raw = url ?? "/";
  const q = raw.search(/[?#]/);
  return q === -1 ? raw : raw.slice(0, q);
}

function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/** Status, headers and JSON body of a contract error answered outside any route. */
function errorAnswer(req: http.IncomingMessage, code: ErrorCode, message = MESSAGES[code]) {
  const requestId = newId("req_");
  const body = JSON.stringify(new ApiError(code, message ?? "请求失败").toBody(requestId));
  const origin = req.headers.origin;
  const headers: Record<string, string> = {
    "content-type": "application/json; charset=utf-8",
    "x-request-id": requestId,
    ...(origin && allowed(origin) ? corsHeaders(origin) : {}),
  };
  return { body, headers };
}

/**
 * Gives Next.js's own error answers the JSON error shape: a 405 without a content type (what Next
 * answers for a method a route file does not export) and its plain-text 5xx page. The decision is
 * taken when the status line is written — Next's compression layer writes it from inside its own
 * `end`, before ours runs — and from then on the original body (empty, or "Internal Server
 * Error") is replaced by ours.
 */
function jsonifyBareErrors(req: http.IncomingMessage, res: http.ServerResponse) {
  if (req.method === "HEAD") return;
  let replacement: string | null = null;
  const decide = (status: number) => {
    if (replacement !== null || res.headersSent) return;
    const type = String(res.getHeader("content-type") ?? "");
    const bare405 = status === 405 && !type;
    const plain5xx = status >= 500 && type.startsWith("text/plain");
    if (!bare405 && !plain5xx) return;
    const code: ErrorCode = bare405 ? "method_not_allowed" : "internal_error";
    const { body, headers } = errorAnswer(req, code);
    res.statusCode = status;
    res.removeHeader("content-length");
    res.removeHeader("etag");
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    replacement = body;
  };
  const writeHead = res.writeHead;
  const write = res.write;
  const end = res.end;
  res.writeHead = function (this: http.ServerResponse, ...args: unknown[]) {
    decide(typeof args[0] === "number" ? args[0] : res.statusCode);
    return (writeHead as (...a: unknown[]) => http.ServerResponse).apply(this, args);
  } as typeof writeHead;
  res.write = function (this: http.ServerResponse, ...args: unknown[]) {
    if (replacement === null) return (write as (...a: unknown[]) => boolean).apply(this, args);
    (args.find((a) => typeof a === "function") as (() => void) | undefined)?.();
    return true;
  } as typeof write;
  res.end = function (this: http.ServerResponse, ...args: unknown[]) {
    decide(res.statusCode);
    if (replacement === null)
      return (end as (...a: unknown[]) => http.ServerResponse).apply(this, args);
    const body = replacement;
    replacement = "";
    return (end as (chunk: string) => http.ServerResponse).call(this, body);
  } as typeof end;
}

const LEFTOVER_MAX_BYTES = 16 * 1024 * 1024;

/** After the answer, an unread body is discarded up to LEFTOVER_MAX_BYTES, then the socket closed. */
function boundLeftoverBody(req: http.IncomingMessage, res: http.ServerResponse) {
  res.once("finish", () => {
    if (req.complete) return;
    // After Node's own resOnFinish, which resumes the body to discard it (and drops listeners).
    setImmediate(() => {
      let left = LEFTOVER_MAX_BYTES;
      req.on("data", (chunk: Buffer) => {
        left -= chunk.length;
        if (left < 0) req.socket.destroy();
      });
    });
  });
}

/** Returns true when the request was answered here. */
function onRequest(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  boundLeftoverBody(req, res);
  if (!env.trustedProxies.check(req.socket.remoteAddress ?? "")) {
    for (const name of FORWARDED) delete req.headers[name];
  }
  const path = pathOf(req.url);
  if (!API_PATH.test(path)) return false;
  if (!decodes(path)) {
    const { body, headers } = errorAnswer(req, "invalid_request", "请求路径的百分号编码不合法");
    res.writeHead(400, headers);
    res.end(body);
    return true;
  }
  jsonifyBareErrors(req, res);
  return false;
}

export function installServerHooks(): void {
  const g = globalThis as unknown as { __aigcServerHooks?: boolean };
  if (g.__aigcServerHooks) return;
  g.__aigcServerHooks = true;
  const proto = http.Server.prototype as unknown as {
    emit: (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  };
  const emit = proto.emit;
  proto.emit = function (event, ...args) {
    if (event === "request") {
      const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
      if (onRequest(req, res)) return true;
    }
    return emit.call(this, event, ...args);
  };
}
