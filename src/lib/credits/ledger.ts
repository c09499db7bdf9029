import "server-only";
import { sql, type Transaction } from "kysely";
import { db, nowIso, type DB } from "@/lib/db";
import { writeTransaction } from "@/lib/db/group-commit";
import { prepared } from "@/lib/db/prepared";
import type { CreditTransactionRow, Database } from "@/lib/db/schema";
import { ApiError } from "@/lib/errors";
import { newTimeId } from "@/lib/ids";
import { instanceId } from "@/lib/instance";
import { holdKeySpend, releaseKeySpend } from "./key-spend";

// The only module that changes a balance. Every movement is one DB transaction that updates
// users.credits and writes the matching credit_transactions row, so that at all times
// users.credits = Σ delta over rows with status pending or success (contract §4).

/** The database, or a transaction the caller has open (its write then commits with theirs). */
export type Executor = DB | Transaction<Database>;

/**
 * Runs `fn` in the caller's transaction when given one, else in a new one (on SQLite possibly
 * committed together with concurrent ledger writes: db/group-commit.ts). A caller that passes
 * its own transaction (a task finishing, say) gets the ledger write and its own status change
 * committed together or not at all.
 */
export function inTransaction<T>(
  executor: Executor,
  fn: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  if ("isTransaction" in executor && executor.isTransaction)
    return fn(executor as Transaction<Database>);
  return executor === db ? writeTransaction(fn) : executor.transaction().execute(fn);
}

export type HoldMeta = {
  reason: string;
  providerSlug?: string | null;
  modelSlug?: string | null;
  meta?: Record<string, unknown>;
  /** What the hold counts against its operation's daily quota (images, video seconds); default 1. */
  quotaUnits?: number;
  /** A daily quota to enforce in this transaction (src/lib/quotas). */
  quota?: QuotaGuard | null;
  /** The personal API key the call came in on: its credit limit is held with the balance. */
  apiKey?: KeyGuard | null;
};

/** At most `limit` units of this hold's operation (`reason`) for the user since `since`. */
export type QuotaGuard = {
  limit: number;
  since: string;
  /** The error to answer with; `used` counts the units already taken before this hold. */
  exceeded: (used: number) => ApiError;
};

/** The key's credit limit window this hold counts in (see key-spend.ts). */
export type KeyGuard = { id: string; window: string; exceeded: () => ApiError };

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === "23505" || e?.code === "SQLITE_CONSTRAINT_UNIQUE";
}

/** Adds (or, with a negative delta, removes) credits as one settled ledger row. */
export async function grantCredits(
  input: { userId: string; delta: number; reason: string; meta?: Record<string, unknown> },
  executor: Executor = db,
): Promise<{ credits: number; transaction: CreditTransactionRow }> {
  if (!Number.isInteger(input.delta))
    throw new ApiError("invalid_request", "delta 必须是整数", { param: "delta" });
  const run = async (trx: Transaction<Database>) => {
    const updated = await trx
      .updateTable("users")
      .set({ credits: sql`"credits" + ${input.delta}` })
      .where("id", "=", input.userId)
      .where(sql<boolean>`"credits" + ${input.delta} >= 0`)
      .returning("credits")
      .executeTakeFirst();
    if (!updated) {
      const exists = await trx
        .selectFrom("users")
        .select("id")
        .where("id", "=", input.userId)
        .executeTakeFirst();
      if (!exists) throw new ApiError("not_found", "用户不存在", { param: "userId" });
      throw new ApiError("insufficient_credits", "扣减后余额将为负数");
    }
    const now = nowIso();
    const row = {
      id: newTimeId("tx_"),
      userId: input.userId,
      delta: input.delta,
      reason: input.reason,
      providerSlug: null,
      modelSlug: null,
      requestId: null,
      status: "success" as const,
      meta: JSON.stringify(input.meta ?? {}),
      createdAt: now,
      updatedAt: now,
      instanceId: null,
      apiKeyId: null,
      keyWindow: null,
      quotaUnits: 0,
    };
    await trx.insertInto("credit_transactions").values(row).execute();
    return { credits: updated.credits, transaction: row };
  };
  return inTransaction(executor, run);
}

// The billed call's statements, compiled once (db/prepared.ts).
const insertHold = prepared((db, r: CreditTransactionRow) =>
  db.insertInto("credit_transactions").values({
    id: r.id,
    userId: r.userId,
    delta: r.delta,
    reason: r.reason,
    providerSlug: r.providerSlug,
    modelSlug: r.modelSlug,
    requestId: r.requestId,
    status: r.status,
    meta: r.meta,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    instanceId: r.instanceId,
    apiKeyId: r.apiKeyId,
    keyWindow: r.keyWindow,
    quotaUnits: r.quotaUnits,
  }),
);
const debit = prepared((db, v: { amount: number; userId: string }) =>
  db
    .updateTable("users")
    .set({ credits: sql`"credits" - ${v.amount}` })
    .where("id", "=", v.userId)
    .where("credits", ">=", v.amount),
);
const creditBack = prepared((db, v: { amount: number; userId: string }) =>
  db
    .updateTable("users")
    .set({ credits: sql`"credits" + ${v.amount}` })
    .where("id", "=", v.userId),
);
const finishPending = prepared((db, v: Finish["set"] & { id: string }) =>
  db
    .updateTable("credit_transactions")
    .set({
      delta: v.delta,
      status: v.status,
      quotaUnits: v.quotaUnits,
      meta: v.meta,
      updatedAt: v.updatedAt,
    })
    .where("id", "=", v.id)
    .where("status", "=", "pending"),
);

/**
 * Pre-charges `amount` for a call identified by (userId, requestId). One transaction: the pending
 * row, the daily quota (when given), one conditional update of the balance (credits >= amount),
 * then the API key's credit limit (when given). The partial unique index on live requestIds turns a
 * concurrent duplicate into 409 instead of a second charge; any refusal rolls back everything.
 * Inside a caller's transaction on PostgreSQL, a duplicate aborts that transaction: the caller
 * must let the 409 end it.
 */
export async function holdCredits(
  userId: string,
  amount: number,
  requestId: string,
  info: HoldMeta,
  executor: Executor = db,
): Promise<CreditTransactionRow> {
  if (!Number.isInteger(amount) || amount < 0)
    throw new Error(`hold amount must be a non-negative integer, got ${amount}`);
  try {
    return await inTransaction(executor, async (trx) => {
      // The row goes in first: a live duplicate fails here on the partial unique index (409
      // before any other check), and a refusal below rolls the row back with it.
      const now = nowIso();
      const row: CreditTransactionRow = {
        id: newTimeId("tx_"),
        userId,
        delta: -amount,
        reason: info.reason,
        providerSlug: info.providerSlug ?? null,
        modelSlug: info.modelSlug ?? null,
        requestId,
        status: "pending",
        meta: JSON.stringify({ ...info.meta, held: amount }),
        createdAt: now,
        updatedAt: now,
        // Who owns the hold: if this process dies, any other instance refunds it (reapStaleHolds).
        instanceId,
        apiKeyId: info.apiKey?.id ?? null,
        keyWindow: info.apiKey?.window ?? null,
        quotaUnits: Math.max(0, Math.ceil(info.quotaUnits ?? 1)),
      };
      await insertHold(trx, row);
      if (info.quota) await checkQuota(trx, row, info.quota);
      // Rows are locked in one order everywhere — the user, then the key — so a hold and a
      // settle of the same user on PostgreSQL can never wait on each other in a cycle.
      const updated = await debit(trx, { amount, userId });
      if (Number(updated.numAffectedRows) !== 1) {
        throw new ApiError("insufficient_credits", `积分不足：本次调用需预扣 ${amount} 积分`);
      }
      if (info.apiKey && !(await holdKeySpend(trx, info.apiKey.id, info.apiKey.window, amount)))
        throw info.apiKey.exceeded();
      return row;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate(requestId);
    throw err;
  }
}

/**
 * Counts the user's live rows of this operation since the quota's start, this hold included.
 * The user's row is locked first, so on PostgreSQL concurrent holds of one user count one after
 * another (each sees the rows the others committed); SQLite runs one write transaction at a time.
 */
async function checkQuota(trx: Transaction<Database>, row: CreditTransactionRow, q: QuotaGuard) {
  await trx
    .updateTable("users")
    .set({ credits: sql`"credits"` })
    .where("id", "=", row.userId)
    .execute();
  const used = await trx
    .selectFrom("credit_transactions")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("quotaUnits"), eb.lit(0)).as("units"))
    .where("userId", "=", row.userId)
    .where("reason", "=", row.reason)
    .where("createdAt", ">=", q.since)
    .where("status", "in", ["pending", "success"])
    .executeTakeFirstOrThrow();
  const total = Number(used.units);
  if (total > q.limit) throw q.exceeded(total - row.quotaUnits);
}

function duplicate(requestId: string) {
  return new ApiError("duplicate_request", `requestId ${requestId} 已被使用`, {
    param: "requestId",
  });
}

/**
 * A hold to finish: its id, or the row holdCredits returned. A pending row changes only when it
 * is finished, so a caller that kept the row lets settle/refund claim and finish it in one
 * conditional UPDATE instead of a claim, a read and a second write.
 */
export type HoldRef = string | CreditTransactionRow;

/**
 * Charges `actual` (capped by the hold) and returns the rest, to the balance and to the API key's
 * limit window the hold counted in. Returns the credits charged. `meta.quotaUnits`, when given,
 * is what the call actually used of its quota (images returned, say), never more than held.
 */
export async function settleCharge(
  holdRef: HoldRef,
  actual: number,
  meta: Record<string, unknown> = {},
  executor: Executor = db,
): Promise<number> {
  return inTransaction(executor, async (trx) => {
    const finish = (hold: CreditTransactionRow) => {
      const held = -hold.delta;
      const charged = Math.min(held, Math.max(0, Math.round(actual)));
      const { quotaUnits, ...rest } = meta;
      const units =
        typeof quotaUnits === "number" && Number.isFinite(quotaUnits)
          ? Math.min(hold.quotaUnits, Math.max(0, Math.ceil(quotaUnits)))
          : hold.quotaUnits;
      return {
        charged,
        set: {
          delta: -charged,
          status: "success" as const,
          quotaUnits: units,
          meta: JSON.stringify({ ...JSON.parse(hold.meta), ...rest, charged }),
          updatedAt: nowIso(),
        },
      };
    };
    const hold = await claimHold(trx, holdRef, finish);
    if (!hold) return 0;
    const held = -hold.row.delta;
    const charged = hold.result.charged;
    if (held - charged > 0)
      await creditBack(trx, { amount: held - charged, userId: hold.row.userId });
    if (hold.row.apiKeyId && hold.row.keyWindow)
      await releaseKeySpend(trx, hold.row.apiKeyId, hold.row.keyWindow, held - charged);
    return charged;
  });
}

/**
 * Releases the whole hold (balance and API key window); the row stays as a failed attempt (its
 * requestId may be retried) and no longer counts against any quota.
 */
export async function refundHold(
  holdRef: HoldRef,
  meta: Record<string, unknown> = {},
  executor: Executor = db,
): Promise<boolean> {
  return inTransaction(executor, async (trx) => {
    const hold = await claimHold(trx, holdRef, (row) => ({
      set: {
        delta: row.delta,
        status: "failed" as const,
        quotaUnits: row.quotaUnits,
        meta: JSON.stringify({ ...JSON.parse(row.meta), ...meta, refunded: -row.delta }),
        updatedAt: nowIso(),
      },
    }));
    if (!hold) return false;
    await creditBack(trx, { amount: -hold.row.delta, userId: hold.row.userId });
    if (hold.row.apiKeyId && hold.row.keyWindow)
      await releaseKeySpend(trx, hold.row.apiKeyId, hold.row.keyWindow, -hold.row.delta);
    return true;
  });
}

/** What finishing a hold writes: the charge (delta), the outcome and what it used of a quota. */
type Finish = {
  set: Pick<CreditTransactionRow, "delta" | "status" | "quotaUnits" | "meta" | "updatedAt">;
};

/**
 * Only a pending row can be finished, and only once: the status guard makes settle/refund
 * idempotent even if two finishers race (the second claims no row). With the row in hand, one
 * UPDATE … WHERE status = 'pending' claims and finishes it; with only its id, one statement claims
 * and reads it, a second writes the outcome. The row is locked before the user, as in holdCredits.
 */
async function claimHold<F extends Finish>(
  trx: Transaction<Database>,
  holdRef: HoldRef,
  finish: (row: CreditTransactionRow) => F,
): Promise<{ row: CreditTransactionRow; result: F } | null> {
  if (typeof holdRef !== "string") {
    const result = finish(holdRef);
    const done = await finishPending(trx, { ...result.set, id: holdRef.id });
    return Number(done.numAffectedRows) === 1 ? { row: holdRef, result } : null;
  }
  const row = await trx
    .updateTable("credit_transactions")
    .set({ updatedAt: nowIso() })
    .where("id", "=", holdRef)
    .where("status", "=", "pending")
    .returningAll()
    .executeTakeFirst();
  if (!row) return null;
  const result = finish(row);
  await trx.updateTable("credit_transactions").set(result.set).where("id", "=", row.id).execute();
  return { row, result };
}

export async function getBalance(userId: string): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select("credits")
    .where("id", "=", userId)
    .executeTakeFirst();
  return row?.credits ?? 0;
}
