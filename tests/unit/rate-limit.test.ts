import { beforeEach, describe, expect, it } from "vitest";
import { enforceLimits, MemoryStore, setLimitStore } from "@/lib/rate-limit";
import { ApiError } from "@/lib/errors";

const rule = (key: string, limit: number, windowMs = 1000) => ({ key, limit, windowMs });

async function refused(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error("expected a 429");
}

describe("sliding-window rate limits (memory)", () => {
  beforeEach(() => setLimitStore(new MemoryStore()));

  it("allows `limit` calls per window and refuses the next with Retry-After", async () => {
    for (let i = 0; i < 3; i++) await enforceLimits([rule("user:a", 3)], 1000 + i);
    const err = await refused(enforceLimits([rule("user:a", 3)], 1010));
    expect(err.status).toBe(429);
    expect(err.code).toBe("rate_limited");
    expect(err.options.headers).toMatchObject({
      "retry-after": "1",
      "x-ratelimit-limit": "3",
      "x-ratelimit-remaining": "0",
      "x-ratelimit-reset": "1",
    });
  });

  it("slides: each call frees its slot exactly one window after it was made", async () => {
    const r = [rule("user:b", 3, 1000)];
    await enforceLimits(r, 0);
    await enforceLimits(r, 500);
    await enforceLimits(r, 900);
    await refused(enforceLimits(r, 999));
    await enforceLimits(r, 1000); // the call at 0 left the window
    await refused(enforceLimits(r, 1499)); // a fixed window would have reset at 1000
    await enforceLimits(r, 1500);
  });

  it("a refused call does not count", async () => {
    const r = [rule("user:c", 1, 1000)];
    await enforceLimits(r, 0);
    for (let t = 100; t < 1000; t += 100) await refused(enforceLimits(r, t));
    await enforceLimits(r, 1000);
  });

  it("is all-or-nothing across rules: an IP refusal does not use the user's quota", async () => {
    await enforceLimits([rule("ip:1", 1)], 0);
    await refused(enforceLimits([rule("user:d", 2), rule("ip:1", 1)], 10));
    const h = await enforceLimits([rule("user:d", 2)], 20);
    expect(h["x-ratelimit-remaining"]).toBe("1");
  });

  it("keys are independent, and a limit of 0 means unlimited", async () => {
    await enforceLimits([rule("user:e", 1)], 0);
    await enforceLimits([rule("user:f", 1)], 0);
    for (let i = 0; i < 50; i++) await enforceLimits([rule("user:g", 0)], i);
  });

  it("reports the tightest rule in the headers", async () => {
    const h = await enforceLimits([rule("user:h", 10), rule("ip:2", 2)], 0);
    expect(h).toEqual({
      "x-ratelimit-limit": "2",
      "x-ratelimit-remaining": "1",
      "x-ratelimit-reset": "1",
    });
  });

  it("Retry-After waits for the slowest exhausted rule", async () => {
    await enforceLimits([rule("user:i", 1, 60_000)], 0);
    await enforceLimits([rule("ip:3", 1, 10_000)], 0);
    const err = await refused(
      enforceLimits([rule("user:i", 1, 60_000), rule("ip:3", 1, 10_000)], 5000),
    );
    expect(err.options.headers?.["retry-after"]).toBe("55");
  });
});
