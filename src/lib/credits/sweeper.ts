import "server-only";
import { env } from "@/lib/env";
import { forgetInstances, heartbeat, liveInstanceIds } from "@/lib/instance";
import { logger } from "@/lib/logger";
import { reapStaleHolds } from "./stale-holds";

// Every instance, at boot and then every HOLD_SWEEP_INTERVAL_MS: beat this instance's heartbeat,
// then refund the holds of instances that are no longer alive. A process killed mid-call thus
// has its holds refunded (and their requestIds free for a retry) within a few intervals by any
// instance still running, or at once when it restarts on the same host — not only at a boot
// several minutes later. Sweeps on several instances may overlap; the ledger refunds each hold
// once.

const DAY = 24 * 3600_000;

/** An instance whose heartbeat is older than this is dead: three missed beats and some slack. */
export const staleAfterMs = () => env.HOLD_SWEEP_INTERVAL_MS * 3 + 5_000;

/** Holds written before owners were recorded: refunded once older than the longest call. */
const unownedOlderThanMs = () => env.AI_TIMEOUT_MS * 3 + 60_000;

export async function sweepStaleHolds(): Promise<number> {
  await heartbeat();
  const reaped = await reapStaleHolds({
    liveInstanceIds: await liveInstanceIds(staleAfterMs()),
    unownedOlderThanMs: unownedOlderThanMs(),
  });
  await forgetInstances(DAY);
  return reaped;
}

/** Sweeps once (boot), then keeps sweeping in the background; returns the first count. */
export async function startHoldSweeper(): Promise<number> {
  const reaped = await sweepStaleHolds();
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepStaleHolds()
      .then((n) => n && logger.warn({ reaped: n }, "refunded credit holds of a dead instance"))
      .catch((err: Error) =>
        logger.warn({ err: { message: err.message } }, "credit hold sweep failed"),
      )
      .finally(() => (running = false));
  }, env.HOLD_SWEEP_INTERVAL_MS);
  timer.unref();
  return reaped;
}
