import { APIConnectionError, APIConnectionTimeoutError, InternalServerError } from "openai";
import { describe, expect, it } from "vitest";
import { scrubSecrets, toUpstreamError } from "@/lib/providers/errors";
import { ApiError } from "@/lib/errors";

const acme = { slug: "acme", secrets: () => [] };

describe("upstream error mapping", () => {
  it("timeouts become 504 upstream_timeout with the provider", () => {
    const e = toUpstreamError(new APIConnectionTimeoutError(), acme);
    expect([e.status, e.code, e.options.provider]).toEqual([504, "upstream_timeout", "acme"]);
  });
  it("connection failures and provider errors become 502 upstream_error", () => {
    expect(toUpstreamError(new APIConnectionError({ message: "ECONNREFUSED" }), acme).status).toBe(
      502,
    );
    const e = toUpstreamError(
      new InternalServerError(
        500,
        { message: "boom at https://user:pw@up.example/v1?key=abc" },
        undefined,
        new Headers(),
      ),
      acme,
    );
    expect(e.code).toBe("upstream_error");
    expect(e.message).toContain("500");
    expect(e.message).toContain("https://up.example/v1");
    expect(e.message).not.toContain("pw");
    expect(e.message).not.toContain("key=abc");
  });
  it("our own ApiErrors pass through, other errors are not blamed on the provider", () => {
    const own = new ApiError("insufficient_credits", "x");
    expect(toUpstreamError(own, acme)).toBe(own);
    expect(() => toUpstreamError(new TypeError("bug"), acme)).toThrow(TypeError);
  });
  it("scrubs keys from upstream messages", () => {
    const text = scrubSecrets(
      "Incorrect API key provided: sk-proj-abcdef123456. Bearer abc.def.ghi api_key=zzz",
    );
    expect(text).not.toMatch(/sk-proj|abc\.def|zzz/);
    expect(text).toContain("api_key=[redacted]");
    expect(scrubSecrets("x".repeat(1000)).length).toBeLessThanOrEqual(301);
  });

  // A key that does not look like a key (no sk- prefix, short runs) must still never leave: the
  // provider's actual secrets, and any 6+ character piece of them, are cut from upstream text.
  const KEY = "QZX.topsecret:7731.distinct";
  const HEADER = "hdr-token-998877";
  const withKey = { slug: "acme", secrets: () => [KEY, HEADER] };
  it.each([
    ["echoed whole", `Incorrect API key provided: ${KEY}`],
    ["as the whole error", KEY],
    ["its tail", `key ending in ${KEY.slice(-12)} is revoked`],
    ["its head", `token ${KEY.slice(0, 9)}… rejected`],
    ["inside HTML", `<html><body><pre>auth=${KEY}</pre></body></html>`],
    ["an extra header value", `bad header x-org: ${HEADER}`],
  ])("cuts the provider's secret out when upstream quotes it %s", (_name, message) => {
    const e = toUpstreamError(
      new InternalServerError(401, { message }, undefined, new Headers()),
      withKey,
    );
    for (let i = 0; i + 6 <= KEY.length; i++) expect(e.message).not.toContain(KEY.slice(i, i + 6));
    for (let i = 0; i + 6 <= HEADER.length; i++)
      expect(e.message).not.toContain(HEADER.slice(i, i + 6));
    expect(e.message).toContain("[redacted]");
  });
  it("finds a plain-string error body too", () => {
    const e = toUpstreamError(new InternalServerError(500, KEY, undefined, new Headers()), withKey);
    expect(e.message).not.toContain("topsecret");
  });
  it("leaves text without the secret alone", () => {
    expect(scrubSecrets("model not found: gpt-x", [KEY])).toBe("model not found: gpt-x");
  });
});
