import "server-only";
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { ApiError } from "@/lib/errors";

// Every provider failure leaves as the contract's error shape with the provider's slug
// (style.md habit 6). Upstream messages are passed on for diagnosis, but scrubbed first: they
// can echo keys ("Incorrect API key provided: sk-…") or URLs carrying credentials.

const URL_PATTERN = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi;
const ASSIGNMENT = /\b(api[_-]?key|key|token|secret|password)=[^&\s"']+/gi;
const KEY_PATTERNS = [
  /\b(sk|pk|rk|ak)-[A-Za-z0-9_*-]{6,}/g,
  /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi,
  /\b[A-Za-z0-9_-]{32,}\b/g,
];

/** Removes credentials from a text: userinfo and query strings of URLs, key-like tokens. */
export function scrubSecrets(text: string): string {
  let out = text.replace(URL_PATTERN, (raw) => {
    try {
      const u = new URL(raw);
      return `${u.protocol}//${u.host}${u.pathname}`;
    } catch {
      return "[url]";
    }
  });
  out = out.replace(ASSIGNMENT, (_m, name: string) => `${name}=[redacted]`);
  for (const p of KEY_PATTERNS) out = out.replace(p, "[redacted]");
  return out.length > 300 ? `${out.slice(0, 300)}…` : out;
}

function upstreamMessage(err: APIError): string {
  const body = err.error as { message?: unknown } | undefined;
  const raw = typeof body?.message === "string" ? body.message : err.message;
  return scrubSecrets(raw);
}

/** True when the call was cancelled by us (client disconnect), not failed by the provider. */
export function isAbort(err: unknown): boolean {
  return err instanceof APIUserAbortError || (err instanceof Error && err.name === "AbortError");
}

/**
 * Maps a failure of the provider call to 502 `upstream_error` / 504 `upstream_timeout`.
 * Our own ApiErrors pass through; anything that is not a provider error is rethrown as is,
 * so a bug of ours stays a logged 500 instead of being blamed on the provider.
 */
export function toUpstreamError(err: unknown, provider: string): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof APIConnectionTimeoutError) {
    return new ApiError("upstream_timeout", `上游服务 ${provider} 响应超时`, { provider });
  }
  if (err instanceof APIConnectionError || isAbort(err)) {
    return new ApiError("upstream_error", `无法连接上游服务 ${provider}`, { provider });
  }
  if (err instanceof APIError) {
    const status = err.status ? ` ${err.status}` : "";
    return new ApiError(
      "upstream_error",
      `上游服务 ${provider} 返回错误${status}：${upstreamMessage(err)}`,
      { provider },
    );
  }
  throw err;
}
