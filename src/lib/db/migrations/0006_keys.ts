import type { Kysely } from "kysely";

// Personal API keys, revocable sessions, daily quotas and the operator console (issue 11).
// Portable to SQLite and PostgreSQL (text ids, ISO text times, 0/1 ints, JSON text):
// - users.tokenVersion: every login token and session carries the version it was issued under;
//   signing out everywhere, a password change or a disable bumps it, and each call compares.
// - users.disabledAt, users.plan (quota plan name), users.quotaOverrides (JSON, per operation).
// - api_keys: only a SHA-256 of the key is kept, plus a display prefix/suffix; the credit limit's
//   running spend (windowSpent, in the window that started at windowStart) is held and released
//   by the ledger in the same transaction as the balance.
// - credit_transactions.apiKeyId / keyWindow: which key (and which of its windows) a hold
//   counted against, so settle and refund adjust exactly that; quotaUnits: what the row counts
//   against a daily quota (1 per chat call, images returned, video seconds).
// - ai_usage.apiKeyId: usage per key; index on time for the console's charts.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("users")
    .addColumn("tokenVersion", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("users").addColumn("disabledAt", "text").execute();
  await db.schema
    .alterTable("users")
    .addColumn("plan", "text", (c) => c.notNull().defaultTo("default"))
    .execute();
  await db.schema
    .alterTable("users")
    .addColumn("quotaOverrides", "text", (c) => c.notNull().defaultTo("{}"))
    .execute();

  await db.schema
    .createTable("api_keys")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("userId", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("keyHash", "text", (c) => c.notNull().unique())
    .addColumn("prefix", "text", (c) => c.notNull())
    .addColumn("suffix", "text", (c) => c.notNull())
    .addColumn("allowedModels", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("creditLimit", "integer")
    .addColumn("limitReset", "text", (c) => c.notNull().defaultTo("none"))
    .addColumn("windowStart", "text")
    .addColumn("windowSpent", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("rpm", "integer")
    .addColumn("expiresAt", "text")
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("revokedAt", "text")
    .addColumn("lastUsedAt", "text")
    .addColumn("lastUsedIp", "text")
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("updatedAt", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("api_keys_user")
    .on("api_keys")
    .columns(["userId", "createdAt"])
    .execute();

  await db.schema.alterTable("credit_transactions").addColumn("apiKeyId", "text").execute();
  await db.schema.alterTable("credit_transactions").addColumn("keyWindow", "text").execute();
  await db.schema
    .alterTable("credit_transactions")
    .addColumn("quotaUnits", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  // Today's quota use: rows of one user and operation since 00:00.
  await db.schema
    .createIndex("credit_tx_user_reason_time")
    .on("credit_transactions")
    .columns(["userId", "reason", "createdAt"])
    .execute();
  // Calls made before quotas existed count as one unit each, so a quota set on the day of the
  // upgrade already sees that day's calls.
  await db
    .updateTable("credit_transactions")
    .set({ quotaUnits: 1 })
    .where("requestId", "is not", null)
    .execute();

  await db.schema.alterTable("ai_usage").addColumn("apiKeyId", "text").execute();
  await db.schema.createIndex("ai_usage_time").on("ai_usage").column("createdAt").execute();
  await db.schema
    .createIndex("ai_usage_key_time")
    .on("ai_usage")
    .columns(["apiKeyId", "createdAt"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("ai_usage_key_time").execute();
  await db.schema.dropIndex("ai_usage_time").execute();
  await db.schema.alterTable("ai_usage").dropColumn("apiKeyId").execute();
  await db.schema.dropIndex("credit_tx_user_reason_time").execute();
  for (const col of ["quotaUnits", "keyWindow", "apiKeyId"])
    await db.schema.alterTable("credit_transactions").dropColumn(col).execute();
  await db.schema.dropTable("api_keys").execute();
  for (const col of ["quotaOverrides", "plan", "disabledAt", "tokenVersion"])
    await db.schema.alterTable("users").dropColumn(col).execute();
}
