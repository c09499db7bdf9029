import { describe, expect, it } from "vitest";
import { hotScore, WEEK_SECONDS } from "@/lib/ranking";

describe("hotScore", () => {
  const day = "2026-06-01T00:00:00.000Z";
  it("grows with likes and views", () => {
    const base = hotScore({ likes: 0, views: 0, createdAt: day });
    expect(hotScore({ likes: 10, views: 0, createdAt: day })).toBeGreaterThan(base);
    expect(hotScore({ likes: 0, views: 10, createdAt: day })).toBeGreaterThan(base);
    expect(hotScore({ likes: 10, views: 0, createdAt: day })).toBeGreaterThan(
      hotScore({ likes: 0, views: 10, createdAt: day }),
    );
  });
  it("counts a week of recency as a tenfold engagement", () => {
    const old = hotScore({ likes: 0, views: 9999, createdAt: day });
    const newer = hotScore({
      likes: 0,
      views: 999,
      createdAt: new Date(Date.parse(day) + WEEK_SECONDS * 1000).toISOString(),
    });
    expect(newer).toBeCloseTo(old, 3);
  });
  it("never needs recomputing: same inputs, same score", () => {
    expect(hotScore({ likes: 3, views: 40, createdAt: day })).toBe(
      hotScore({ likes: 3, views: 40, createdAt: new Date(day) }),
    );
  });
  it("treats negative counts as zero", () => {
    expect(hotScore({ likes: -5, views: -1, createdAt: day })).toBe(
      hotScore({ likes: 0, views: 0, createdAt: day }),
    );
  });
});
