import { describe, expect, it } from "vitest";
import { CORS_ALLOW_HEADERS, corsHeaders, originMatcher } from "@/lib/cors";

describe("originMatcher", () => {
  const allowed = originMatcher([
    "capacitor://localhost",
    "http://localhost:*",
    "https://*.example.com",
  ]);
  it.each([
    ["capacitor://localhost", true],
    ["http://localhost:5173", true],
    ["https://app.example.com", true],
    ["https://example.com", false],
    ["https://evil.com", false],
    ["https://app.example.com.evil.com", false],
    ["http://localhost", false],
    ["capacitor://localhostx", false],
  ])("%s → %s", (origin, ok) => expect(allowed(origin)).toBe(ok));

  it("treats regex characters in patterns literally", () => {
    expect(originMatcher(["https://a.b"])("https://aXb")).toBe(false);
  });
});

describe("corsHeaders", () => {
  it("echoes the origin and names the headers clients send", () => {
    const h = corsHeaders("capacitor://localhost");
    expect(h["access-control-allow-origin"]).toBe("capacitor://localhost");
    for (const name of ["authorization", "content-type", "idempotency-key"])
      expect(CORS_ALLOW_HEADERS).toContain(name);
  });
});
