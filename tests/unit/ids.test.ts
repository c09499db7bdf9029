import { afterEach, describe, expect, it, vi } from "vitest";
import { newId, newTimeId } from "@/lib/ids";

afterEach(() => vi.useRealTimers());

describe("ids", () => {
  it("are URL-safe and distinct", () => {
    const ids = new Set(Array.from({ length: 5000 }, () => newId("x_")));
    expect(ids.size).toBe(5000);
    for (const id of ids) expect(id).toMatch(/^x_[A-Za-z0-9_-]{22}$/);
  });

  it("made later sort later when they sort by time, across years", () => {
    vi.useFakeTimers();
    const made: string[] = [];
    for (const at of [
      "2026-11-29T00:00:00.000Z",
      "2026-11-29T00:00:00.001Z",
      "2031-01-01T00:00:00Z",
    ]) {
      vi.setSystemTime(new Date(at));
      made.push(newTimeId("tx_"), newTimeId("tx_"));
    }
    // Two per instant: every id of a later instant sorts after both of an earlier one.
    for (let i = 0; i < made.length; i++)
      for (let j = (i >> 1) * 2 + 2; j < made.length; j++) expect(made[i] < made[j]).toBe(true);
    expect(new Set(made).size).toBe(made.length);
    for (const id of made) expect(id).toMatch(/^tx_[0-9a-z]{9}[A-Za-z0-9_-]{16}$/);
  });
});
