import "server-only";
import { env } from "@/lib/env";
import { metrics } from "@/lib/metrics";

// How many calls may be in flight to one provider origin from this instance
// (PROVIDER_MAX_SOCKETS, the size of its connection pool), and how many may wait for one of those
// slots (PROVIDER_MAX_QUEUE). A call waits here *before* its attempt timeout starts, so a burst
// that queues does not turn into timeouts and retries (which would add load exactly when the
// provider is saturated); past the queue, calls are refused at once (503 + Retry-After).

export class Overloaded extends Error {
  constructor(readonly origin: string) {
    super(`provider ${origin} is saturated`);
    this.name = "Overloaded";
  }
}

type Waiter = { grant: () => void; fail: (err: unknown) => void };

class Gate {
  active = 0;
  readonly waiting: Waiter[] = [];
  constructor(readonly origin: string) {}

  private report() {
    metrics.upstreamActive.set({ origin: this.origin }, this.active);
    metrics.upstreamQueued.set({ origin: this.origin }, this.waiting.length);
  }

  get saturated(): boolean {
    return this.active >= env.PROVIDER_MAX_SOCKETS && this.waiting.length >= env.PROVIDER_MAX_QUEUE;
  }

  /**
   * Resolves with a release function once a slot is free. Rejects with Overloaded when the queue
   * is full or the wait outlasts `maxWaitMs`, and with the signal's reason when it aborts.
   */
  acquire(signal: AbortSignal | undefined, maxWaitMs: number): Promise<() => void> {
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.active--;
      const next = this.waiting.shift();
      if (next) next.grant();
      this.report();
    };
    if (this.active < env.PROVIDER_MAX_SOCKETS) {
      this.active++;
      this.report();
      return Promise.resolve(release);
    }
    if (this.waiting.length >= env.PROVIDER_MAX_QUEUE)
      return Promise.reject(new Overloaded(this.origin));
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const leave = () => {
        const i = this.waiting.indexOf(waiter);
        if (i >= 0) this.waiting.splice(i, 1);
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        this.report();
      };
      const onAbort = () => {
        leave();
        reject(signal!.reason);
      };
      const waiter: Waiter = {
        grant: () => {
          leave();
          this.active++;
          this.report();
          resolve(release);
        },
        fail: (err) => {
          leave();
          reject(err);
        },
      };
      const timer = setTimeout(() => waiter.fail(new Overloaded(this.origin)), maxWaitMs);
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiting.push(waiter);
      this.report();
    });
  }
}

const g = globalThis as unknown as { __aigcUpstreamGates?: Map<string, Gate> };
const gates = (g.__aigcUpstreamGates ??= new Map());

export function gateFor(origin: string): Gate {
  let gate = gates.get(origin);
  if (!gate) gates.set(origin, (gate = new Gate(origin)));
  return gate;
}

/** True when a new call to this base URL would be refused right away. */
export function isSaturated(baseURL: string): boolean {
  try {
    return gates.get(new URL(baseURL).origin)?.saturated ?? false;
  } catch {
    return false;
  }
}
