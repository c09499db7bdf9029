import { CompiledQuery, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inProcessEnv } from "../helpers/in-process";
import { insertUser } from "../helpers/users";

// The stale-hold reaper against tasks, in process on a real database (SQLite or PostgreSQL):
// a hold owned by a live task is never refunded however old it is; a hold whose call died is.

const setup = inProcessEnv();
type Lib = {
  db: typeof import("@/lib/db");
  ledger: typeof import("@/lib/credits/ledger");
  staleHolds: typeof import("@/lib/credits/stale-holds");
};
let lib: Lib;

beforeAll(async () => {
  lib = {
    db: await import("@/lib/db"),
    ledger: await import("@/lib/credits/ledger"),
    staleHolds: await import("@/lib/credits/stale-holds"),
  };
  await lib.db.migrateToLatest();
});
afterAll(async () => {
  await lib?.db.closeDb();
  setup.cleanup();
});

async function userWith(credits: number) {
  const id = `usr_${Math.random().toString(36).slice(2)}`;
  await insertUser(lib.db.db, id);
  await lib.ledger.grantCredits({ userId: id, delta: credits, reason: "test" });
  return id;
}

async function taskFor(userId: string, holdId: string, status: "in_progress" | "completed") {
  const now = lib.db.nowIso();
  await lib.db.db
    .insertInto("tasks")
    .values({
      id: `video_${Math.random().toString(36).slice(2)}`,
      userId,
      kind: "video.generate",
      modelSlug: "m",
      providerSlug: "p",
      providerId: null,
      upstreamModel: "m",
      upstreamJobId: "job",
      requestId: holdId,
      status,
      progress: 10,
      input: "{}",
      outputs: "[]",
      price: "{}",
      holdId,
      creditsHeld: 10,
      creditsCharged: 0,
      error: null,
      attempts: 0,
      nextPollAt: now,
      lockedUntil: null,
      lockedBy: null,
      remixOf: null,
      upstreamDoneAt: null,
      deletedAt: null,
      createdAt: now,
      startedAt: now,
      finishedAt: null,
      updatedAt: now,
    })
    .execute();
}

describe("reapStaleHolds", () => {
  it("leaves a live task's hold alone and refunds an orphaned one", async () => {
    const userId = await userWith(100);
    const owned = await lib.ledger.holdCredits(userId, 10, "task-hold", {
      reason: "video.generate",
    });
    await taskFor(userId, owned.id, "in_progress");
    const orphan = await lib.ledger.holdCredits(userId, 7, "dead-call", {
      reason: "image.generate",
    });
    // Everything is "stale" with a zero cutoff: only the orphan may go.
    await new Promise((r) => setTimeout(r, 5));
    expect(
      await lib.staleHolds.reapStaleHolds({ liveInstanceIds: ["none"], unownedOlderThanMs: 0 }),
    ).toBeGreaterThanOrEqual(1);
    const rows = await lib.db.db
      .selectFrom("credit_transactions")
      .select(["id", "status"])
      .where("id", "in", [owned.id, orphan.id])
      .execute();
    const status = Object.fromEntries(rows.map((r) => [r.id, r.status]));
    expect(status[owned.id]).toBe("pending");
    expect(status[orphan.id]).toBe("failed");
    expect(await lib.ledger.getBalance(userId)).toBe(90);
  });
});

describe("staleHoldsQuery", () => {
  // The sweeper runs it on every instance every minute, over a ledger that only grows: it must
  // read the few pending rows, not scan the ledger.
  it("is planned on the partial index of pending holds", async () => {
    const { db, dialect } = lib.db;
    const query = lib.staleHolds
      .staleHoldsQuery({ liveInstanceIds: ["none"], unownedOlderThanMs: 0 })
      .compile();
    const plan = await db.transaction().execute(async (trx) => {
      // On a near-empty table PostgreSQL would rightly scan it; the question is whether it can
      // use the index at all.
      if (dialect === "postgres") await sql`set local enable_seqscan = off`.execute(trx);
      const explain = dialect === "postgres" ? "explain " : "explain query plan ";
      const { rows } = await trx.executeQuery(
        CompiledQuery.raw(explain + query.sql, [...query.parameters]),
      );
      return rows.map((r) => Object.values(r as object).join(" ")).join("\n");
    });
    expect(plan).toMatch(/credit_tx_pending/);
  });
});
