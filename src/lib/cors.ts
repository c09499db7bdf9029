// CORS per contract §1: origins matching CORS_ALLOW_ORIGINS (`*` wildcards inside a pattern)
// get their Origin echoed back; everyone else gets no CORS headers at all.

export const CORS_ALLOW_HEADERS =
  "authorization, content-type, idempotency-key, x-request-id, openai-organization, openai-project, x-stainless-arch, x-stainless-lang, x-stainless-os, x-stainless-package-version, x-stainless-retry-count, x-stainless-runtime, x-stainless-runtime-version, x-stainless-timeout, x-stainless-helper-method";
export const CORS_ALLOW_METHODS = "GET, POST, PATCH, PUT, DELETE, OPTIONS";
export const CORS_EXPOSE_HEADERS =
  "x-request-id, retry-after, x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset, content-range, etag, x-aigc-max-tokens";

export function originMatcher(patterns: string[]): (origin: string) => boolean {
  const regexes = patterns.map((p) => {
    const escaped = p.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, "\\$&"));
    return new RegExp(`^${escaped.join(".*")}$`);
  });
  return (origin) => regexes.some((r) => r.test(origin));
}

export function corsHeaders(origin: string): Record<string, string> {
  return {
    "access-control-allow-origin": origin,
    "access-control-allow-credentials": "true",
    "access-control-allow-methods": CORS_ALLOW_METHODS,
    "access-control-allow-headers": CORS_ALLOW_HEADERS,
    "access-control-expose-headers": CORS_EXPOSE_HEADERS,
    "access-control-max-age": "600",
    vary: "Origin",
  };
}
