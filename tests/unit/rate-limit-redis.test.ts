import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../helpers/app";
import { MemoryStore, RedisStore, type Rule } from "@/lib/rate-limit";

// The Redis store must decide exactly like the memory store, and share state between
// instances (two clients = two app processes).

const hasRedis = (() => {
  try {
    execFileSync("redis-server", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe.runIf(hasRedis)("RedisStore", () => {
  let server: ChildProcess;
  let a: Redis;
  let b: Redis;
  beforeAll(async () => {
    const port = await freePort();
    server = spawn("redis-server", ["--port", String(port), "--save", "", "--appendonly", "no"], {
      stdio: "ignore",
    });
    a = new Redis({ port, lazyConnect: true, retryStrategy: (n) => (n > 50 ? null : 100) });
    b = new Redis({ port, lazyConnect: true, retryStrategy: (n) => (n > 50 ? null : 100) });
    for (let i = 0; i < 50; i++) {
      try {
        await a.connect();
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    await b.connect();
  });
  afterAll(async () => {
    a?.disconnect();
    b?.disconnect();
    server?.kill();
  });

  it("matches the memory store decision for decision on a sliding window", async () => {
    const redis = new RedisStore(a, `t${Date.now()}:`);
    const memory = new MemoryStore();
    const rules: Rule[] = [
      { key: "user:x", limit: 3, windowMs: 1000 },
      { key: "ip:y", limit: 4, windowMs: 1000 },
    ];
    const times = [0, 100, 200, 300, 999, 1000, 1050, 1100, 1150, 1200, 2500, 2501, 2502, 2503];
    for (const t of times) {
      const [r, m] = [await redis.hit(rules, t), await memory.hit(rules, t)];
      expect(r.allowed, `t=${t}`).toBe(m.allowed);
      expect(r.states.map((s) => [s.count, s.oldest])).toEqual(
        m.states.map((s) => [s.count, s.oldest]),
      );
    }
  });

  it("shares limits between instances", async () => {
    const prefix = `s${Date.now()}:`;
    const one = new RedisStore(a, prefix);
    const two = new RedisStore(b, prefix);
    const rule = [{ key: "user:z", limit: 2, windowMs: 60_000 }];
    expect((await one.hit(rule, 10)).allowed).toBe(true);
    expect((await two.hit(rule, 11)).allowed).toBe(true);
    expect((await one.hit(rule, 12)).allowed).toBe(false);
    expect((await two.hit(rule, 13)).allowed).toBe(false);
  });

  it("peek and reset agree with the memory store (sign-in failure counts)", async () => {
    const redis = new RedisStore(a, `p${Date.now()}:`);
    const memory = new MemoryStore();
    const rules: Rule[] = [{ key: "signin-acct:x", limit: 2, windowMs: 1000 }];
    for (const store of [redis, memory]) {
      expect((await store.peek(rules, 0)).states[0].count).toBe(0);
      await store.hit(rules, 10);
      await store.hit(rules, 20);
      const full = await store.peek(rules, 30);
      expect(full.allowed).toBe(false);
      expect(full.states[0]).toMatchObject({ count: 2, oldest: 10 });
      expect((await store.peek(rules, 1015)).states[0].count).toBe(1); // the hit at 10 expired
      await store.reset(["signin-acct:x"]);
      expect((await store.peek(rules, 1016)).allowed).toBe(true);
      expect((await store.peek(rules, 1016)).states[0].count).toBe(0);
    }
  });
});
