import { describe, expect, it } from "vitest";
import { formatWallClock, isTimeZone, periodAt, startOfDay } from "@/lib/time/periods";

// Limit windows restart at 00:00 on the wall clock of a time zone, DST changes included.

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const at = (s: string) => Date.parse(s);

describe("limit windows in a time zone", () => {
  it("daily in Asia/Shanghai (UTC+8): 00:00 local is 16:00 UTC the day before", () => {
    const p = periodAt("daily", at("2031-03-10T04:00:00Z"), "Asia/Shanghai");
    expect(iso(p.start)).toBe("2031-03-09T16:00:00.000Z");
    expect(iso(p.next)).toBe("2031-03-10T16:00:00.000Z");
    // One millisecond before local midnight is still the previous day.
    const before = periodAt("daily", at("2031-03-10T15:59:59.999Z"), "Asia/Shanghai");
    expect(iso(before.start)).toBe("2031-03-09T16:00:00.000Z");
    const after = periodAt("daily", at("2031-03-10T16:00:00.000Z"), "Asia/Shanghai");
    expect(iso(after.start)).toBe("2031-03-10T16:00:00.000Z");
  });

  it("weekly starts on Monday, monthly on the 1st, across year ends", () => {
    // 2031-01-01 is a Wednesday.
    const w = periodAt("weekly", at("2031-01-01T12:00:00Z"), "UTC");
    expect(iso(w.start)).toBe("2030-12-30T00:00:00.000Z");
    expect(iso(w.next)).toBe("2031-01-06T00:00:00.000Z");
    const m = periodAt("monthly", at("2030-12-31T23:00:00Z"), "UTC");
    expect(iso(m.start)).toBe("2030-12-01T00:00:00.000Z");
    expect(iso(m.next)).toBe("2031-01-01T00:00:00.000Z");
    // In Shanghai it is already January.
    const sh = periodAt("monthly", at("2030-12-31T23:00:00Z"), "Asia/Shanghai");
    expect(iso(sh.start)).toBe("2030-12-31T16:00:00.000Z");
  });

  it("none never resets", () => {
    expect(periodAt("none", Date.now(), "UTC")).toEqual({ start: 0, next: null });
  });

  it("a day with a DST change is 23 or 25 hours long (America/New_York)", () => {
    const spring = periodAt("daily", at("2031-03-09T15:00:00Z"), "America/New_York");
    expect(iso(spring.start)).toBe("2031-03-09T05:00:00.000Z"); // EST midnight
    expect(iso(spring.next)).toBe("2031-03-10T04:00:00.000Z"); // EDT midnight
    expect(spring.next! - spring.start).toBe(23 * 3600_000);
    const fall = periodAt("daily", at("2031-11-02T15:00:00Z"), "America/New_York");
    expect(fall.next! - fall.start).toBe(25 * 3600_000);
  });

  it("where DST skips midnight, the day starts at the first minute that exists", () => {
    // Chile moves its clocks from 00:00 to 01:00 on the first Sunday of September.
    const start = startOfDay(2031, 9, 7, "America/Santiago");
    expect(formatWallClock(start, "America/Santiago")).toBe("2031-09-07 01:00");
    expect(formatWallClock(start - 1, "America/Santiago")).toBe("2031-09-06 23:59");
  });

  it("knows which time zones exist", () => {
    expect(isTimeZone("Asia/Shanghai")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
  });
});

describe("the app clock", () => {
  it("cannot be moved outside a test server started with TEST_CLOCK=1", async () => {
    const { clockIsMovable, now, setTestClock } = await import("@/lib/time/clock");
    expect(clockIsMovable()).toBe(false);
    expect(() => setTestClock(Date.parse("2040-01-01T00:00:00Z"))).toThrow(/test server/);
    expect(Math.abs(now() - Date.now())).toBeLessThan(1000);
  });
});
