// Garbage collection once the server has gone quiet (scripts/server.mjs).
//
// V8 collects when a program allocates. A server that stops getting requests stops allocating, so
// whatever its last burst left in the old generation stays resident until the next burst: after
// the bench's warm-up that is 40–50 MB of garbage, kept for as long as the server sits idle. Once
// no request has arrived for `quietSeconds`, this runs `passes` full collections, one a second
// (the second finds what the first one's finalizers and weak references let go), and then
// nothing until requests come and go again. Measured: idle RSS 207 → 136–177 MB.
//
// It has a price, which is why it waits for a long silence: a collection that hands memory back
// also shrinks the heap, and the first seconds of traffic afterwards cost more while it grows back
// and the code warms up again (at one connection, CPU per chat call in seconds 1, 2 and 3: 1.6,
// 1.4 and 1.0 ms, against 0.9 warm). A request that arrives during a collection waits for it
// (tens of milliseconds). IDLE_GC_SECONDS (default 30) sets the silence; 0 turns it off.
import v8 from "node:v8";
import vm from "node:vm";

/** V8's full collection, without putting `gc` on the app's global object; null if refused. */
export function fullCollection() {
  try {
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc");
    return typeof gc === "function" ? () => gc() : null;
  } catch {
    return null;
  }
}

/**
 * Starts watching; call `seen()` for every request. `collect` and `every` are for tests (the
 * collection, and the interval of the check in milliseconds).
 */
export function idleCollector({ quietSeconds = 30, passes = 2, collect, every = 1000 } = {}) {
  let requests = 0;
  let lastRequests = 0;
  let quiet = 0;
  let done = 0;
  // Off: not even the flag is set.
  const run = quietSeconds > 0 ? (collect ?? fullCollection()) : null;
  if (!run) return { seen() {}, stop() {} };
  const timer = setInterval(() => {
    if (requests !== lastRequests) {
      lastRequests = requests;
      quiet = 0;
      done = 0;
      return;
    }
    quiet++;
    if (quiet >= Math.ceil((quietSeconds * 1000) / every) && done < passes) {
      done++;
      run();
    }
  }, every);
  timer.unref();
  return {
    seen() {
      requests++;
    },
    stop() {
      clearInterval(timer);
    },
  };
}
