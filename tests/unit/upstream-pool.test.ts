import { beforeAll, describe, expect, it } from "vitest";

// The provider pool (src/lib/providers/pool.ts): PROVIDER_MAX_SOCKETS calls at once per origin,
// PROVIDER_MAX_QUEUE waiting, the rest refused at once; a waiter that gives up leaves the queue.

let pool: typeof import("@/lib/providers/pool");
beforeAll(async () => {
  Object.assign(process.env, {
    PROVIDER_MAX_SOCKETS: "2",
    PROVIDER_MAX_QUEUE: "1",
    LOG_LEVEL: "silent",
  });
  pool = await import("@/lib/providers/pool");
});

describe("provider pool", () => {
  it("grants up to the pool size, queues one, refuses the next, hands slots on in order", async () => {
    const gate = pool.gateFor("http://a.test");
    const r1 = await gate.acquire(undefined, 10_000);
    const r2 = await gate.acquire(undefined, 10_000);
    let third = false;
    const queued = gate.acquire(undefined, 10_000).then((r) => ((third = true), r));
    await expect(gate.acquire(undefined, 10_000)).rejects.toBeInstanceOf(pool.Overloaded);
    expect(pool.isSaturated("http://a.test/v1")).toBe(true);
    expect(pool.isSaturated("http://b.test/v1")).toBe(false);
    await Promise.resolve();
    expect(third).toBe(false);
    r1();
    r1(); // releasing twice frees one slot only
    const r3 = await queued;
    expect(gate.active).toBe(2);
    r2();
    r3();
    expect(gate.active).toBe(0);
    expect(gate.waiting).toHaveLength(0);
  });

  it("a waiter that aborts or waits too long leaves the queue", async () => {
    const gate = pool.gateFor("http://c.test");
    const held = [await gate.acquire(undefined, 1000), await gate.acquire(undefined, 1000)];
    const ac = new AbortController();
    const aborted = gate.acquire(ac.signal, 10_000);
    ac.abort(new Error("client left"));
    await expect(aborted).rejects.toThrow("client left");
    expect(gate.waiting).toHaveLength(0);
    await expect(gate.acquire(undefined, 20)).rejects.toBeInstanceOf(pool.Overloaded);
    expect(gate.waiting).toHaveLength(0);
    for (const r of held) r();
  });
});
