import { describe, expect, it } from "vitest";
import { assetQuerySchema, favoriteToggleSchema } from "@/lib/gallery/schemas";
import { registerSchema } from "@/lib/auth/schemas";

describe("assetQuerySchema", () => {
  it("applies defaults", () => {
    expect(assetQuerySchema.parse({})).toEqual({ type: "all", sort: "hot", limit: 20 });
  });
  it("coerces limit and bounds it to 1–50", () => {
    expect(assetQuerySchema.parse({ limit: "50" }).limit).toBe(50);
    expect(assetQuerySchema.safeParse({ limit: "0" }).success).toBe(false);
    expect(assetQuerySchema.safeParse({ limit: "51" }).success).toBe(false);
    expect(assetQuerySchema.safeParse({ limit: "2.5" }).success).toBe(false);
  });
  it("rejects unknown types and sorts", () => {
    expect(assetQuerySchema.safeParse({ type: "gif" }).success).toBe(false);
    expect(assetQuerySchema.safeParse({ sort: "old" }).success).toBe(false);
  });
});

describe("registerSchema", () => {
  it("normalises the email and enforces an 8-character password", () => {
    expect(registerSchema.parse({ email: " A@B.CO ", password: "12345678" }).email).toBe("a@b.co");
    expect(registerSchema.safeParse({ email: "a@b.co", password: "1234567" }).success).toBe(false);
    expect(registerSchema.safeParse({ email: "not-an-email", password: "12345678" }).success).toBe(
      false,
    );
  });
});

describe("favoriteToggleSchema", () => {
  it("needs an assetId", () => {
    expect(favoriteToggleSchema.safeParse({}).success).toBe(false);
    expect(favoriteToggleSchema.parse({ assetId: "x" })).toEqual({ assetId: "x" });
  });
});
