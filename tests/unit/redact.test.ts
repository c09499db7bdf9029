import { describe, expect, it } from "vitest";
import { redactText } from "@/lib/redact";

describe("redactText", () => {
  it.each([
    ["connect postgres://app:hunter2@db:5432/x", "hunter2"],
    ["Authorization: Bearer eyJhbGciOi.abc.def", "eyJhbGciOi"],
    ["invalid key sk-proj-ABCDEFGH12345678", "ABCDEFGH12345678"],
    ["GET https://h/v1/models?api_key=zzz123&x=1", "zzz123"],
  ])("scrubs %s", (text, secret) => {
    const out = redactText(text);
    expect(out).not.toContain(secret);
    expect(out.length).toBeGreaterThan(10);
  });
  it("scrubs explicitly named secrets", () => {
    expect(redactText("the key is abcd-1234-efgh", ["abcd-1234-efgh"])).toBe(
      "the key is [redacted]",
    );
  });
  it("keeps the useful part of a URL", () => {
    expect(redactText("POST https://u:p@api.x.com/v1/chat?key=abc failed")).toBe(
      "POST https://api.x.com/v1/chat failed",
    );
  });
  it("leaves ordinary text alone", () => {
    expect(redactText("model not found: gpt-4o")).toBe("model not found: gpt-4o");
  });
});
