import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { toUpstreamApiError } from "@/lib/ai/upstream-errors";
import { ApiError } from "@/lib/errors";

const apiError = (status: number, message: string, param?: string) =>
  OpenAI.APIError.generate(status, { error: { message, param } }, message, new Headers());

describe("toUpstreamApiError", () => {
  const table: [string, unknown, number, string][] = [
    ["timeout", new OpenAI.APIConnectionTimeoutError(), 504, "upstream_timeout"],
    ["network", new OpenAI.APIConnectionError({ message: "ECONNREFUSED" }), 502, "upstream_error"],
    ["bad request", apiError(400, "size not supported", "size"), 400, "invalid_request"],
    ["bad key", apiError(401, "Incorrect API key provided: sk-abcdef1234567890"), 502, "upstream_error"],
    ["rate limited after retries", apiError(429, "Too many requests"), 502, "upstream_error"],
    ["server error", apiError(503, "overloaded"), 502, "upstream_error"],
    ["unknown", new Error("weird"), 502, "upstream_error"],
  ];
  it.each(table)("%s → %i %s", (_name, err, status, code) => {
    const mapped = toUpstreamApiError(err, "up");
    expect(mapped.status).toBe(status);
    expect(mapped.code).toBe(code);
    expect(mapped.toBody("r").error.provider).toBe("up");
  });

  it("keeps the provider's explanation without keys, bearer tokens or query strings", () => {
    const msg = toUpstreamApiError(apiError(500, "failed for sk-live-9999999999 at https://u:p@api.x.com/v1/chat?key=abc with Bearer zzz"), "up").message;
    expect(msg).toContain("HTTP 500");
    for (const leak of ["sk-live-9999999999", "u:p@", "key=abc", "zzz"]) expect(msg).not.toContain(leak);
    expect(toUpstreamApiError(apiError(400, "size not supported", "size"), "up").options.param).toBe("size");
    expect(toUpstreamApiError(apiError(401, "Incorrect API key provided: sk-abcdef1234567890"), "up").message).not.toContain("sk-");
  });

  it("passes an ApiError through", () => {
    const e = new ApiError("model_not_found", "x");
    expect(toUpstreamApiError(e, "up")).toBe(e);
  });
});
