import { APIConnectionError, APIConnectionTimeoutError, InternalServerError } from "openai";
import { describe, expect, it } from "vitest";
import { scrubSecrets, toUpstreamError } from "@/lib/providers/errors";
import { ApiError } from "@/lib/errors";

describe("upstream error mapping", () => {
  it("timeouts become 504 upstream_timeout with the provider", () => {
    const e = toUpstreamError(new APIConnectionTimeoutError(), "acme");
    expect([e.status, e.code, e.options.provider]).toEqual([504, "upstream_timeout", "acme"]);
  });
  it("connection failures and provider errors become 502 upstream_error", () => {
    expect(
      toUpstreamError(new APIConnectionError({ message: "ECONNREFUSED" }), "acme").status,
    ).toBe(502);
    const e = toUpstreamError(
      new InternalServerError(
        500,
        { message: "boom at https://user:pw@up.example/v1?key=abc" },
        undefined,
        new Headers(),
      ),
      "acme",
    );
    expect(e.code).toBe("upstream_error");
    expect(e.message).toContain("500");
    expect(e.message).toContain("https://up.example/v1");
    expect(e.message).not.toContain("pw");
    expect(e.message).not.toContain("key=abc");
  });
  it("our own ApiErrors pass through, other errors are not blamed on the provider", () => {
    const own = new ApiError("insufficient_credits", "x");
    expect(toUpstreamError(own, "acme")).toBe(own);
    expect(() => toUpstreamError(new TypeError("bug"), "acme")).toThrow(TypeError);
  });
  it("scrubs keys from upstream messages", () => {
    const text = scrubSecrets(
      "Incorrect API key provided: sk-proj-abcdef123456. Bearer abc.def.ghi api_key=zzz",
    );
    expect(text).not.toMatch(/sk-proj|abc\.def|zzz/);
    expect(text).toContain("api_key=[redacted]");
    expect(scrubSecrets("x".repeat(1000)).length).toBeLessThanOrEqual(301);
  });
});
