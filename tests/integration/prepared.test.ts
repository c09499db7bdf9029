import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inProcessEnv } from "../helpers/in-process";
import { insertUser } from "../helpers/users";

// Statements compiled once (src/lib/db/prepared.ts) against the real database (SQLite, or
// PostgreSQL under TEST_DB=postgres): each run carries its own values, in the right places.

const setup = inProcessEnv();
let lib: {
  db: typeof import("@/lib/db");
  prepared: typeof import("@/lib/db/prepared");
};

beforeAll(async () => {
  lib = { db: await import("@/lib/db"), prepared: await import("@/lib/db/prepared") };
  await lib.db.migrateToLatest();
  await insertUser(lib.db.db, "u_a", 10);
  await insertUser(lib.db.db, "u_b", 50);
});
afterAll(async () => {
  await lib.db.closeDb();
  setup.cleanup();
});

describe("prepared statements", () => {
  it("read the row the builder would, for each caller's own values", async () => {
    const { db } = lib.db;
    const byId = lib.prepared.prepared((q, v: { id: string }) =>
      q.selectFrom("users").select(["id", "credits"]).where("id", "=", v.id),
    );
    for (const id of ["u_a", "u_b", "nobody"]) {
      const built = await db
        .selectFrom("users")
        .select(["id", "credits"])
        .where("id", "=", id)
        .execute();
      expect((await byId(db, { id })).rows).toEqual(built);
    }
  });

  it("put a value used twice in both places, inside a transaction too", async () => {
    const { db } = lib.db;
    const debit = lib.prepared.prepared((q, v: { amount: number; id: string }) =>
      q
        .updateTable("users")
        .set({ credits: sql`"credits" - ${v.amount}` })
        .where("id", "=", v.id)
        .where("credits", ">=", v.amount),
    );
    expect(Number((await debit(db, { amount: 4, id: "u_a" })).numAffectedRows)).toBe(1);
    // 6 left: a debit of 7 matches no row, and nothing changes.
    expect(Number((await debit(db, { amount: 7, id: "u_a" })).numAffectedRows)).toBe(0);
    await db.transaction().execute(async (trx) => {
      expect(Number((await debit(trx, { amount: 50, id: "u_b" })).numAffectedRows)).toBe(1);
    });
    const rows = await db.selectFrom("users").select(["id", "credits"]).orderBy("id").execute();
    expect(rows).toEqual([
      { id: "u_a", credits: 6 },
      { id: "u_b", credits: 0 },
    ]);
  });

  it("inside a transaction, read its own writes, count what they changed, and fail as the driver does", async () => {
    const { db } = lib.db;
    const credit = lib.prepared.prepared((q, v: { amount: number; id: string }) =>
      q
        .updateTable("users")
        .set({ credits: sql`"credits" + ${v.amount}` })
        .where("id", "=", v.id),
    );
    const read = lib.prepared.prepared((q, v: { id: string }) =>
      q.selectFrom("users").select("credits").where("id", "=", v.id),
    );
    const rename = lib.prepared.prepared((q, v: { id: string; email: string }) =>
      q.updateTable("users").set({ email: v.email }).where("id", "=", v.id),
    );
    const other = await db
      .selectFrom("users")
      .select("email")
      .where("id", "=", "u_b")
      .executeTakeFirstOrThrow();
    await expect(
      db.transaction().execute(async (trx) => {
        expect(Number((await credit(trx, { amount: 5, id: "u_a" })).numAffectedRows)).toBe(1);
        expect(Number((await credit(trx, { amount: 5, id: "nobody" })).numAffectedRows)).toBe(0);
        expect((await read(trx, { id: "u_a" })).rows).toEqual([{ credits: 11 }]);
        // A unique violation rejects (with the driver's own code) and rolls the whole thing back.
        await rename(trx, { id: "u_a", email: other.email });
      }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/^(SQLITE_CONSTRAINT_UNIQUE|23505)$/) });
    expect((await read(db, { id: "u_a" })).rows).toEqual([{ credits: 6 }]);
  });

  it("refuse a value the SQL does not carry instead of dropping it", async () => {
    const careless = lib.prepared.prepared((q, v: { id: string; extra: string }) =>
      q.selectFrom("users").select("id").where("id", "=", v.id),
    );
    await expect(careless(lib.db.db, { id: "u_a", extra: "lost" })).rejects.toThrow(/extra/);
  });
});
