import { describe, expect, it } from "vitest";
import { safeCallbackUrl, signInHref } from "@/lib/safe-redirect";

describe("safeCallbackUrl", () => {
  it.each([
    ["/create?asset=seed-img-01", "/create?asset=seed-img-01"],
    ["/explore?tag=%E9%A3%8E%E6%99%AF#top", "/explore?tag=%E9%A3%8E%E6%99%AF#top"],
    ["/", "/"],
  ])("keeps the same-site path %s", (raw, expected) => {
    expect(safeCallbackUrl(raw)).toBe(expected);
  });

  it.each([
    "https://evil.example/",
    "//evil.example/path",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "http:/evil.example",
    "/\u0009/evil.example",
    "relative/path",
    "/auth/signin?callbackUrl=/x",
    "",
  ])("falls back for %j", (raw) => {
    expect(safeCallbackUrl(raw)).toBe("/");
  });

  it("uses the given fallback for missing values", () => {
    expect(safeCallbackUrl(undefined, "/explore")).toBe("/explore");
  });

  it("builds an encoded sign-in link", () => {
    expect(signInHref("/create?asset=a1")).toBe("/auth/signin?callbackUrl=%2Fcreate%3Fasset%3Da1");
    expect(signInHref("https://evil.example")).toBe("/auth/signin?callbackUrl=%2F");
  });
});
