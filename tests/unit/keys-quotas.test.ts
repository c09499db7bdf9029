import { CAPABILITIES } from "@/lib/operations/registry";
import { describe, expect, it } from "vitest";
import { csvLine } from "@/lib/admin/usage";
import type { ApiKeyRow } from "@/lib/db/schema";
import { generateKey, hashKey, isKeyShaped, KEY_PATTERN } from "@/lib/keys/material";
import { createKeySchema } from "@/lib/keys/schemas";
import { keyStatus, keyWindow, toKeyView } from "@/lib/keys/views";
import { effectiveLimits } from "@/lib/quotas/limits";
import { QUOTA_OPERATIONS, unitsFor } from "@/lib/quotas/units";
import { redactText } from "@/lib/redact";
import { DEFAULT_SETTINGS, settingsSchema } from "@/lib/settings/schema";

describe("key material", () => {
  it("is sk- + 40 base62 characters, distinct every time, stored only as its SHA-256", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const m = generateKey();
      expect(m.key).toMatch(KEY_PATTERN);
      expect(m.hash).toBe(hashKey(m.key));
      expect(m.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(m.prefix).toBe(m.key.slice(0, 7));
      expect(m.suffix).toBe(m.key.slice(-4));
      seen.add(m.key);
    }
    expect(seen.size).toBe(200);
  });

  it("uses the whole alphabet about evenly (no modulo bias to speak of)", () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 500; i++)
      for (const c of generateKey().key.slice(3)) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(62);
    const expected = (500 * 40) / 62;
    for (const n of counts.values()) expect(Math.abs(n - expected)).toBeLessThan(expected * 0.35);
  });

  it("tells keys from login tokens, and the log scrubber removes keys from free text", () => {
    const { key } = generateKey();
    expect(isKeyShaped(key)).toBe(true);
    expect(isKeyShaped("eyJhbGciOiJIUzI1NiJ9.e30.x")).toBe(false);
    expect(redactText(`bad key ${key} sent`)).not.toContain(key.slice(3));
  });
});

const keyRow = (over: Partial<ApiKeyRow> = {}): ApiKeyRow => ({
  id: "key_1",
  userId: "u_1",
  name: "k",
  keyHash: "h",
  prefix: "sk-abcd",
  suffix: "wxyz",
  allowedModels: "[]",
  creditLimit: 100,
  limitReset: "daily",
  windowStart: null,
  windowSpent: 0,
  rpm: null,
  expiresAt: null,
  enabled: 1,
  revokedAt: null,
  lastUsedAt: null,
  lastUsedIp: null,
  createdAt: "2031-01-01T00:00:00.000Z",
  updatedAt: "2031-01-01T00:00:00.000Z",
  ...over,
});

describe("key views", () => {
  const noon = Date.parse("2031-03-10T04:00:00Z"); // 12:00 in Asia/Shanghai (default zone)

  it("spent counts only the current window", () => {
    const window = keyWindow("daily", noon);
    expect(window).toEqual({
      start: "2031-03-09T16:00:00.000Z",
      resetsAt: "2031-03-10T16:00:00.000Z",
    });
    const current = toKeyView(keyRow({ windowStart: window.start, windowSpent: 40 }), noon);
    expect(current).toMatchObject({
      spent: 40,
      resetsAt: window.resetsAt,
      display: "sk-abcd…wxyz",
    });
    const stale = toKeyView(
      keyRow({ windowStart: "2031-03-08T16:00:00.000Z", windowSpent: 100 }),
      noon,
    );
    expect(stale.spent).toBe(0);
    expect(JSON.stringify(current)).not.toContain('"h"'); // the hash is not part of the view
  });

  it("status: revoked beats expired beats disabled", () => {
    expect(keyStatus(keyRow(), noon)).toBe("active");
    expect(keyStatus(keyRow({ enabled: 0 }), noon)).toBe("disabled");
    expect(keyStatus(keyRow({ enabled: 0, expiresAt: "2031-03-10T03:00:00Z" }), noon)).toBe(
      "expired",
    );
    expect(keyStatus(keyRow({ revokedAt: "2031-03-01T00:00:00Z", expiresAt: "x" }), noon)).toBe(
      "revoked",
    );
  });

  it("create input: defaults, dedupes models, refuses unknown fields", () => {
    expect(createKeySchema.parse({ name: " a ", allowedModels: ["m", "m"] })).toEqual({
      name: "a",
      allowedModels: ["m"],
      creditLimit: null,
      limitReset: "none",
      rpm: null,
      expiresAt: null,
    });
    expect(createKeySchema.safeParse({ name: "a", extra: 1 }).success).toBe(false);
    expect(
      createKeySchema.parse({ name: "a", expiresAt: "2031-01-01T08:00:00+08:00" }).expiresAt,
    ).toBe("2031-01-01T00:00:00.000Z");
  });
});

describe("quotas as data", () => {
  it("every operation of the registry has a quota row; units follow the operation", () => {
    expect(QUOTA_OPERATIONS.map((o) => o.id)).toEqual([...CAPABILITIES]);
    expect(QUOTA_OPERATIONS.find((o) => o.id === "video.generate")?.unit).toBe("秒");
    expect(unitsFor("chat", { n: 4 })).toBe(1);
    expect(unitsFor("image.generate", { n: 4 })).toBe(4);
    expect(unitsFor("image.generate", {})).toBe(1);
    expect(unitsFor("video.generate", { seconds: "8" })).toBe(8);
    expect(unitsFor("some.future.tool", { n: 9 })).toBe(1);
  });

  it("plan, then overrides (null = unlimited), then default for a plan that is gone", () => {
    const settings = {
      quotaPlans: { default: { chat: 100, "image.generate": 20 }, pro: { chat: 1000 } },
    };
    const unlimited = Object.fromEntries(CAPABILITIES.map((id) => [id, null]));
    expect(effectiveLimits({ plan: "default", quotaOverrides: "{}" }, settings)).toEqual({
      ...unlimited,
      chat: 100,
      "image.generate": 20,
    });
    expect(
      effectiveLimits(
        { plan: "pro", quotaOverrides: JSON.stringify({ chat: null, "image.edit": 3 }) },
        settings,
      ),
    ).toEqual({ ...unlimited, "image.edit": 3 });
    expect(effectiveLimits({ plan: "gone", quotaOverrides: "not json" }, settings).chat).toBe(100);
  });

  it("settings: default plan required, operations checked, names restricted", () => {
    expect(settingsSchema.safeParse(DEFAULT_SETTINGS).success).toBe(true);
    const bad = [
      { ...DEFAULT_SETTINGS, quotaPlans: { pro: {} } },
      { ...DEFAULT_SETTINGS, quotaPlans: { default: { nope: 1 } } },
      { ...DEFAULT_SETTINGS, quotaPlans: { default: {}, "Bad Name": {} } },
      { ...DEFAULT_SETTINGS, quotaPlans: { default: { chat: -1 } } },
      { ...DEFAULT_SETTINGS, signupBonus: 1.5 },
    ];
    for (const s of bad) expect(settingsSchema.safeParse(s).success, JSON.stringify(s)).toBe(false);
  });
});

describe("CSV", () => {
  it("quotes what needs quoting and defuses spreadsheet formulas", () => {
    expect(csvLine(["2031-01-01", "gpt-4o", 3, null])).toBe("2031-01-01,gpt-4o,3,");
    expect(csvLine(['a,"b"', "line\nbreak"])).toBe('"a,""b""","line\nbreak"');
    expect(csvLine(["=HYPERLINK(1)", "-1+1", "@x", -5])).toBe("'=HYPERLINK(1),'-1+1,'@x,-5");
  });
});
