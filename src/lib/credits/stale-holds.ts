import "server-only";
import { db } from "@/lib/db";
import { refundHold } from "./ledger";

// Which pending holds no call will ever finish, for the sweeper (src/lib/credits/sweeper.ts). The
// refund itself goes through the ledger, which claims each row only while it is pending.

export type StaleHoldRule = {
  /** Instances alive now: their holds belong to calls still running. */
  liveInstanceIds: string[];
  /** Holds without an owner (written before owners were recorded) go after this long. */
  unownedOlderThanMs: number;
};

/**
 * Refunds holds whose call can no longer finish: held by an instance that is not alive (crashed,
 * killed, gone), or unowned and older than the longest call. Safe to run on every instance at
 * once: refundHold claims a row only while it is still pending, so each is refunded exactly once.
 * Run at boot and periodically by src/lib/credits/sweeper.ts.
 */
export async function reapStaleHolds(rule: StaleHoldRule): Promise<number> {
  const stale = await staleHoldsQuery(rule).execute();
  let refunded = 0;
  for (const { id } of stale) if (await refundHold(id, { reaped: true })) refunded++;
  return refunded;
}

/** The ids of the stale holds; read on the partial index of pending rows (credit_tx_pending). */
export function staleHoldsQuery(rule: StaleHoldRule) {
  const cutoff = new Date(Date.now() - rule.unownedOlderThanMs).toISOString();
  return (
    db
      .selectFrom("credit_transactions")
      .select("id")
      .where("status", "=", "pending")
      .where((eb) =>
        eb.or([
          eb.and([
            eb("instanceId", "is not", null),
            eb("instanceId", "not in", rule.liveInstanceIds),
          ]),
          eb.and([eb("instanceId", "is", null), eb("createdAt", "<", cutoff)]),
        ]),
      )
      // A live task owns its hold for as long as it runs (up to TASK_TIMEOUT_MS); the task ends it.
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("tasks")
              .select("tasks.id")
              .whereRef("tasks.holdId", "=", "credit_transactions.id")
              .where("tasks.status", "in", ["queued", "in_progress"]),
          ),
        ),
      )
  );
}
