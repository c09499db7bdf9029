import { CompiledQuery, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inProcessEnv } from "../helpers/in-process";
import { insertUser } from "../helpers/users";

// Ledger writes that arrive together commit together on SQLite (src/lib/db/group-commit.ts);
// on PostgreSQL each is its own transaction. Either way each caller sees exactly its own outcome
// and the balance always equals the sum of its live ledger rows.

const setup = inProcessEnv();
let lib: {
  db: typeof import("@/lib/db");
  group: typeof import("@/lib/db/group-commit");
  ledger: typeof import("@/lib/credits/ledger");
};

const addUser = (id: string, credits: number) => insertUser(lib.db.db, id, credits);

/** Adds `delta` to the user's balance in a shared write; `failAfterWrite` then throws. */
const addCredits = (userId: string, delta: number, failAfterWrite = false) =>
  lib.group.writeTransaction(async (trx) => {
    await trx
      .updateTable("users")
      .set({ credits: sql`"credits" + ${delta}` })
      .where("id", "=", userId)
      .execute();
    if (failAfterWrite) throw new Error("refused after writing");
    return delta;
  });

/** The user's balance and what their live ledger rows add up to. */
async function books(userId: string) {
  const { db } = lib.db;
  const user = await db
    .selectFrom("users")
    .select("credits")
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom("credit_transactions")
    .select(["delta", "status"])
    .where("userId", "=", userId)
    .execute();
  const live = rows.filter((r) => r.status === "pending" || r.status === "success");
  return {
    credits: user.credits,
    sum: live.reduce((s, r) => s + r.delta, 0),
    pending: rows.filter((r) => r.status === "pending").length,
  };
}

beforeAll(async () => {
  lib = {
    db: await import("@/lib/db"),
    group: await import("@/lib/db/group-commit"),
    ledger: await import("@/lib/credits/ledger"),
  };
  await lib.db.migrateToLatest();
});
afterAll(async () => {
  await lib.db.closeDb();
  setup.cleanup();
});

const code = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (err: { code?: string }) => err.code ?? String(err),
  );

describe("ledger writes arriving together", () => {
  it("each hold gets its own answer: the affordable ones, 402s and a 409, nothing else", async () => {
    await addUser("gc_holds", 100);
    const meta = { reason: "chat" };
    const calls = [
      ...Array.from({ length: 30 }, (_, i) =>
        lib.ledger.holdCredits("gc_holds", 10, `req_${i}`, meta),
      ),
      // The same requestId as the first: a duplicate while that one is live.
      lib.ledger.holdCredits("gc_holds", 1, "req_0", meta),
    ];
    const outcomes = await Promise.all(calls.map(code));
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(10);
    expect(outcomes.filter((o) => o === "insufficient_credits")).toHaveLength(20);
    expect(outcomes.at(-1)).toBe("duplicate_request");
    expect(await books("gc_holds")).toEqual({ credits: 0, sum: -100, pending: 10 });
  });

  it("settles and refunds racing new holds keep the balance equal to the ledger", async () => {
    await addUser("gc_mix", 1000);
    const meta = { reason: "chat" };
    const holds = await Promise.all(
      Array.from({ length: 40 }, (_, i) => lib.ledger.holdCredits("gc_mix", 20, `mix_${i}`, meta)),
    );
    const results = await Promise.all([
      ...holds.map((h, i) =>
        i % 2 ? lib.ledger.settleCharge(h, 7) : lib.ledger.refundHold(h).then(() => 0),
      ),
      // Settling one twice charges once.
      lib.ledger.settleCharge(holds[1], 7),
      ...Array.from({ length: 20 }, (_, i) =>
        lib.ledger.holdCredits("gc_mix", 5, `late_${i}`, meta).then(() => -5),
      ),
    ]);
    expect(results.filter((r) => r === 7)).toHaveLength(20);
    const after = await books("gc_mix");
    expect(after).toEqual({
      credits: 1000 - 20 * 7 - 20 * 5,
      sum: -(20 * 7 + 20 * 5),
      pending: 20,
    });
  });

  it("one write that throws is rolled back alone", async () => {
    await addUser("gc_a", 0);
    const outcomes = await Promise.all(
      [addCredits("gc_a", 1), addCredits("gc_a", 2, true), addCredits("gc_a", 4)].map(code),
    );
    expect(outcomes).toEqual(["ok", "Error: refused after writing", "ok"]);
    expect((await books("gc_a")).credits).toBe(5);
  });

  it.runIf(!process.env.DATABASE_URL?.startsWith("postgres"))(
    "on SQLite, a commit that fails fails every write in it, including those that had succeeded",
    async () => {
      await addUser("gc_b", 0);
      const add = (delta: number) => addCredits("gc_b", delta);
      // What SQLite does on a disk or I/O error: the whole transaction is gone.
      const broken = lib.group.writeTransaction((trx) =>
        trx.executeQuery(CompiledQuery.raw("rollback")),
      );
      const outcomes = await Promise.all([add(1), broken, add(4)].map(code));
      expect(outcomes.every((o) => o !== "ok")).toBe(true);
      expect((await books("gc_b")).credits).toBe(0);
      // And the next writes are not affected.
      expect(await add(8)).toBe(8);
      expect((await books("gc_b")).credits).toBe(8);
    },
  );
});
