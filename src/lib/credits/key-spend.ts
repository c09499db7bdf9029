import "server-only";
import { sql, type Transaction } from "kysely";
import type { Database } from "@/lib/db/schema";

// The running spend of a personal API key's credit limit, moved only by the ledger (hold, settle,
// refund) inside the same transaction as the balance. `windowStart` names the limit window the
// spend belongs to: a hold in a new window starts the count again, and a settle or refund only
// gives back to the window its hold was counted in.

/**
 * Adds `amount` to the key's spend in `window` if that stays within its credit limit (or it has
 * none). One conditional UPDATE, so concurrent holds on one key can never pass the limit together.
 */
export async function holdKeySpend(
  trx: Transaction<Database>,
  keyId: string,
  window: string,
  amount: number,
): Promise<boolean> {
  const spentInWindow = sql<number>`case when "windowStart" = ${window} then "windowSpent" else 0 end`;
  const res = await trx
    .updateTable("api_keys")
    .set({
      windowSpent: sql`${spentInWindow} + cast(${amount} as integer)`,
      windowStart: window,
    })
    .where("id", "=", keyId)
    .where((eb) =>
      eb.or([
        eb("creditLimit", "is", null),
        eb(sql`${spentInWindow} + cast(${amount} as integer)`, "<=", eb.ref("creditLimit")),
      ]),
    )
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Gives `amount` back to the key's spend, if the window the hold counted in is still current. */
export async function releaseKeySpend(
  trx: Transaction<Database>,
  keyId: string,
  window: string,
  amount: number,
): Promise<void> {
  if (amount <= 0) return;
  await trx
    .updateTable("api_keys")
    .set({
      windowSpent: sql`case when "windowSpent" >= ${amount} then "windowSpent" - cast(${amount} as integer) else 0 end`,
    })
    .where("id", "=", keyId)
    .where("windowStart", "=", window)
    .execute();
}
