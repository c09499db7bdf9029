import "server-only";
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { ApiError } from "@/lib/errors";
import { redactText } from "@/lib/redact";
import { OVERLOAD_RETRY_AFTER, OVERLOADED_HEADER } from "./overload";

// Every provider failure leaves as the contract's error shape with the provider's slug
// (style.md habit 6). Upstream messages are passed on for diagnosis, but scrubbed first: they
// can echo keys ("Incorrect API key provided: …") or URLs carrying credentials. Key-shaped
// patterns are not enough (a key need not look like `sk-…`), so the provider's actual secrets —
// its decrypted key and its extra header values — are cut out too, with any 6+ character piece.

/** Which provider answered, and (lazily: only error paths pay for decryption) its secrets. */
export type UpstreamRef = { slug: string; secrets: () => string[] };

/** Upstream text made safe to show: the provider's secrets and credentials removed, capped. */
export function scrubSecrets(text: string, secrets: string[] = []): string {
  // Cap first (keys are short; a fragment cut by the cap is below the fragment length), so a
  // megabyte of HTML costs nothing to scrub.
  const out = redactText(text.slice(0, 2000), secrets);
  return out.length > 300 ? `${out.slice(0, 300)}…` : out;
}

function upstreamMessage(err: APIError, secrets: string[]): string {
  const body = err.error as { message?: unknown } | string | undefined;
  const raw =
    typeof body === "string"
      ? body
      : typeof body?.message === "string"
        ? body.message
        : err.message;
  return scrubSecrets(raw, secrets);
}

/** An answer that is not what the provider's API promises: a 502 naming the provider. */
export function malformedAnswer(provider: string): ApiError {
  return new ApiError("upstream_error", `上游服务 ${provider} 返回了无法解析的结果`, { provider });
}

/** `value` checked against the shape we are about to read, or a 502 blaming the provider. */
export function upstreamShape<T>(
  schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false } },
  value: unknown,
  ref: UpstreamRef,
): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw malformedAnswer(ref.slug);
  return parsed.data;
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
export function toUpstreamError(err: unknown, ref: UpstreamRef): ApiError {
  const provider = ref.slug;
  if (err instanceof ApiError) return err;
  if (err instanceof APIConnectionTimeoutError) {
    return new ApiError("upstream_timeout", `上游服务 ${provider} 响应超时`, { provider });
  }
  if (err instanceof APIConnectionError || isAbort(err)) {
    return new ApiError("upstream_error", `无法连接上游服务 ${provider}`, { provider });
  }
  // The SDK parses a 200 body as JSON (a stream's events too): a provider that answers HTML or
  // garbage with a success status fails here.
  if (err instanceof SyntaxError) return malformedAnswer(provider);
  if (err instanceof APIError && err.headers?.get(OVERLOADED_HEADER)) {
    return new ApiError("service_unavailable", `上游服务 ${provider} 繁忙，请稍后重试`, {
      provider,
      headers: { "retry-after": String(OVERLOAD_RETRY_AFTER) },
    });
  }
  if (err instanceof APIError) {
    const status = err.status ? ` ${err.status}` : "";
    return new ApiError(
      "upstream_error",
      `上游服务 ${provider} 返回错误${status}：${upstreamMessage(err, ref.secrets())}`,
      { provider },
    );
  }
  throw err;
}
