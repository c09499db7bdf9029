import { sql, type Kysely } from "kysely";

// Fewer index writes on every billed call (issue 14). Each index a row touches is one more page
// written to the WAL per transaction, ~15–25 µs of a call on SQLite:
// - ai_usage_request and ai_usage_key_time: no query reads ai_usage by requestId or by key.
// - credit_tx_status_time (status, createdAt) over every ledger row served one query, the stale
//   hold reaper's `status = 'pending'`. A partial index of the pending rows serves it alone: it
//   stays a few pages, and a settle removes its row instead of moving it to 'success'.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("credit_tx_pending")
    .on("credit_transactions")
    .column("createdAt")
    .where(sql<boolean>`"status" = 'pending'`)
    .execute();
  await db.schema.dropIndex("credit_tx_status_time").execute();
  await db.schema.dropIndex("ai_usage_request").execute();
  await db.schema.dropIndex("ai_usage_key_time").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("ai_usage_key_time")
    .on("ai_usage")
    .columns(["apiKeyId", "createdAt"])
    .execute();
  await db.schema.createIndex("ai_usage_request").on("ai_usage").column("requestId").execute();
  await db.schema
    .createIndex("credit_tx_status_time")
    .on("credit_transactions")
    .columns(["status", "createdAt"])
    .execute();
  await db.schema.dropIndex("credit_tx_pending").execute();
}
