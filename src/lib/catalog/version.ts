import "server-only";
import type { Kysely, Transaction } from "kysely";
import { db } from "@/lib/db";
import { prepared } from "@/lib/db/prepared";
import type { Database } from "@/lib/db/schema";
import { newId } from "@/lib/ids";

// One version string for the whole model catalog, in the database so that every app instance
// sees a change the moment it commits. Bumped inside the same transaction as the write it
// describes; readers compare it per request and rebuild their in-process cache on change.

const KEY = "ai_catalog_version";

export async function bumpCatalogVersion(
  trx: Transaction<Database> | Kysely<Database>,
): Promise<string> {
  const value = newId("v").slice(0, 17);
  await trx
    .insertInto("app_meta")
    .values({ key: KEY, value })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
    .execute();
  return value;
}

// Read on every AI call (compiled once: db/prepared.ts).
const versionRow = prepared((db, v: { key: string }) =>
  db.selectFrom("app_meta").select("value").where("key", "=", v.key),
);

export async function getCatalogVersion(): Promise<string> {
  const row = (await versionRow(db, { key: KEY })).rows[0];
  if (row) return row.value;
  await db
    .insertInto("app_meta")
    .values({ key: KEY, value: "v0" })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  const again = await db
    .selectFrom("app_meta")
    .select("value")
    .where("key", "=", KEY)
    .executeTakeFirstOrThrow();
  return again.value;
}
