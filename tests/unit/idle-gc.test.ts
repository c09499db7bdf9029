import { afterEach, describe, expect, it, vi } from "vitest";
// @ts-expect-error — plain ESM module without types
import { fullCollection, idleCollector } from "../../scripts/idle-gc.mjs";

// The production server's collection once it has gone quiet (scripts/idle-gc.mjs): when it runs,
// on a clock the test moves, and that the collection it uses is V8's own.

type Collector = { seen(): void; stop(): void };

let collectors: Collector[] = [];
afterEach(() => {
  for (const c of collectors) c.stop();
  collectors = [];
  vi.useRealTimers();
});

function watch(options: { quietSeconds: number; passes?: number }) {
  vi.useFakeTimers();
  const collect = vi.fn();
  const collector: Collector = idleCollector({ ...options, collect });
  collectors.push(collector);
  return { collect, collector };
}

describe("idle collector", () => {
  it("never collects while requests keep coming", () => {
    const { collect, collector } = watch({ quietSeconds: 3 });
    for (let ms = 0; ms < 60_000; ms += 500) {
      collector.seen();
      vi.advanceTimersByTime(500);
    }
    expect(collect).not.toHaveBeenCalled();
  });

  it("collects twice once quiet, one second apart, then waits for the next burst", () => {
    const { collect, collector } = watch({ quietSeconds: 3 });
    collector.seen();
    vi.advanceTimersByTime(1000); // the tick that sees the request
    vi.advanceTimersByTime(2999);
    expect(collect).toHaveBeenCalledTimes(0);
    vi.advanceTimersByTime(1);
    expect(collect).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(collect).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(10 * 60_000);
    expect(collect).toHaveBeenCalledTimes(2);

    // One request starts the count again.
    collector.seen();
    vi.advanceTimersByTime(1000 + 3000 + 1000);
    expect(collect).toHaveBeenCalledTimes(4);
  });

  it("a request in the quiet window puts the collection off", () => {
    const { collect, collector } = watch({ quietSeconds: 3 });
    vi.advanceTimersByTime(2000);
    collector.seen();
    vi.advanceTimersByTime(3000);
    expect(collect).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1000);
    expect(collect).toHaveBeenCalledTimes(1);
  });

  it("IDLE_GC_SECONDS=0 turns it off", () => {
    const { collect } = watch({ quietSeconds: 0 });
    vi.advanceTimersByTime(60_000);
    expect(collect).not.toHaveBeenCalled();
  });

  it("uses V8's full collection without exposing gc to the app", async () => {
    const collect = fullCollection();
    expect(typeof collect).toBe("function");
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
    let garbage: object | null = { big: new Array(100_000).fill("x") };
    const ref = new WeakRef(garbage);
    garbage = null;
    // A WeakRef keeps its target alive until the current job ends.
    await new Promise((resolve) => setImmediate(resolve));
    collect();
    expect(ref.deref()).toBeUndefined();
  });
});
