import "server-only";
import { CompiledQuery, type Transaction } from "kysely";
import { db, dialect } from "./index";
import type { Database } from "./schema";

// Group commit on SQLite. SQLite runs one write transaction at a time, and most of what a short
// one costs is its commit: the locks, and a WAL frame for every page it touched (the users row,
// the ledger's and usage table's leaves and indexes). Writes that arrive while a transaction runs
// wait for it anyway; here they then run together in one transaction, each in its own savepoint:
//
// - one that throws is rolled back to its savepoint alone, and its caller gets its error;
// - the others commit together, and each caller's promise resolves only after that commit, so
//   nothing is reported done that a crash could still undo; if the commit fails, all of them
//   get its error and none of their writes happened.
//
// A write waits only for the rest of the event loop's current turn (setImmediate): the writes
// that the same turn's I/O callbacks start go into the same transaction. Alone, a write costs what
// a plain transaction does. Under load this is most of the billed call's saving: at 64
// connections a commit carries several holds and settles (aigc_ledger_writes_total /
// aigc_ledger_commits_total in GET /api/metrics). PostgreSQL runs concurrent transactions with
// row locks: there each write is its own transaction.

type Work = (trx: Transaction<Database>) => Promise<unknown>;
type Op = {
  work: Work;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
  outcome?: { ok: true; value: unknown } | { ok: false; error: unknown };
};

/** The most writes one commit carries: the connection is not held for long by one batch. */
const MAX_BATCH = 64;
const SAVEPOINT = CompiledQuery.raw("savepoint group_commit");
const ROLLBACK_TO = CompiledQuery.raw("rollback to savepoint group_commit");
const RELEASE = CompiledQuery.raw("release savepoint group_commit");

// One queue per process: Next bundles each route on its own, and all of them share the one
// SQLite connection (db/index.ts), so their writes batch together.
type State = { queue: Op[]; draining: boolean; commits: number; writes: number };
const g = globalThis as unknown as { __aigcGroupCommit?: State };
const state = (g.__aigcGroupCommit ??= { queue: [], draining: false, commits: 0, writes: 0 });
const queue = state.queue;

/** Transactions run and the writes they carried, since the process started (GET /api/metrics). */
export function groupCommitStats(): { commits: number; writes: number } {
  return { commits: state.commits, writes: state.writes };
}

/** Runs `work` in a write transaction, on SQLite possibly shared with concurrent writes. */
export function writeTransaction<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (dialect !== "sqlite")
    return db
      .transaction()
      .execute(work)
      .then((value) => {
        state.commits++;
        state.writes++;
        return value;
      });
  return new Promise<T>((resolve, reject) => {
    queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
    if (!state.draining) {
      // After this turn's I/O callbacks: the writes they start join this transaction.
      state.draining = true;
      setImmediate(drain);
    }
  });
}

async function drain(): Promise<void> {
  try {
    while (queue.length) await commitBatch();
  } finally {
    state.draining = false;
  }
}

async function commitBatch(): Promise<void> {
  let batch: Op[] = [];
  try {
    await db.transaction().execute(async (trx) => {
      // Taken once the transaction has begun: whatever arrived meanwhile joins it.
      batch = queue.splice(0, MAX_BATCH);
      if (batch.length === 1) {
        batch[0].outcome = { ok: true, value: await batch[0].work(trx) };
        return;
      }
      for (const op of batch) {
        await trx.executeQuery(SAVEPOINT);
        try {
          op.outcome = { ok: true, value: await op.work(trx) };
        } catch (error) {
          op.outcome = { ok: false, error };
          await trx.executeQuery(ROLLBACK_TO);
        }
        await trx.executeQuery(RELEASE);
      }
    });
    state.commits++;
    state.writes += batch.length;
  } catch (error) {
    // Nothing committed: a write that had succeeded inside the batch did not happen after all.
    for (const op of batch) if (!op.outcome || op.outcome.ok) op.outcome = { ok: false, error };
    // The transaction could not even begin: the batch was never taken.
    if (!batch.length) for (const op of queue.splice(0, MAX_BATCH)) op.reject(error);
  }
  for (const op of batch) {
    const outcome = op.outcome!;
    if (outcome.ok) op.resolve(outcome.value);
    else op.reject(outcome.error);
  }
}
