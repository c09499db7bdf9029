import type { DB } from "@/lib/db";

/** A user row written straight to the database, for in-process tests (no sign-up, no ledger). */
export async function insertUser(db: DB, id: string, credits = 0): Promise<void> {
  await db
    .insertInto("users")
    .values({
      id,
      email: `${id}@example.test`,
      name: id,
      passwordHash: "x",
      role: "user",
      credits,
      createdAt: new Date().toISOString(),
      emailVerifiedAt: null,
    })
    .execute();
}
