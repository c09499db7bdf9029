import "server-only";
import OpenAI from "openai";
import { ApiError } from "@/lib/errors";

// Every upstream failure leaves as the contract's error shape with `provider` set (style habit 6).
// Messages keep the provider's explanation but never a key, credentials or a query string.

export function scrubUpstreamMessage(message: string): string {
  const out = message
    .replace(/\b(sk|rk|pk)-[A-Za-z0-9_*-]{6,}/g, "[redacted]")
    .replace(/Bearer\s+\S+/gi, "Bearer [redacted]")
    .replace(/(https?:\/\/)[^/\s@]+@/gi, "$1")
    .replace(/(https?:\/\/[^\s?]+)\?\S*/gi, "$1");
  return out.length > 500 ? `${out.slice(0, 500)}…` : out;
}

function upstreamMessage(err: InstanceType<typeof OpenAI.APIError>): string {
  const body = err.error as { message?: unknown } | undefined;
  const raw = typeof body?.message === "string" ? body.message : err.message;
  return scrubUpstreamMessage(raw);
}

/**
 * Maps whatever the SDK threw (after its retries) to an ApiError:
 * timeout → 504 upstream_timeout; a 400/422 the provider blames on the request → 400
 * invalid_request (the caller can fix it); anything else (401/403 key problems, 404, 429, 5xx,
 * network) → 502 upstream_error. An ApiError passes through unchanged.
 */
export function toUpstreamApiError(err: unknown, providerSlug: string): ApiError {
  if (err instanceof ApiError) return err;
  const provider = providerSlug;
  if (err instanceof OpenAI.APIConnectionTimeoutError) return new ApiError("upstream_timeout", "上游服务响应超时", { provider });
  if (err instanceof OpenAI.APIUserAbortError) return new ApiError("upstream_error", "请求已取消", { provider });
  if (err instanceof OpenAI.APIConnectionError) return new ApiError("upstream_error", "无法连接上游服务", { provider });
  if (err instanceof OpenAI.APIError && typeof err.status === "number") {
    if (err.status === 400 || err.status === 422) {
      return new ApiError("invalid_request", `上游服务拒绝了请求：${upstreamMessage(err)}`, { provider, param: typeof err.param === "string" ? err.param : undefined });
    }
    if (err.status === 401 || err.status === 403) return new ApiError("upstream_error", `上游服务拒绝了凭据（HTTP ${err.status}）`, { provider });
    return new ApiError("upstream_error", `上游服务错误（HTTP ${err.status}）：${upstreamMessage(err)}`, { provider });
  }
  return new ApiError("upstream_error", "上游服务返回了无法识别的结果", { provider });
}
