import { type Kysely, sql } from "kysely";

// Hardening (issue 15), portable to SQLite and PostgreSQL:
// - instances: every running app process, with a heartbeat, so a hold whose process died is
//   refunded by any other instance within a sweep or two (not only at a boot minutes later);
// - credit_transactions.instanceId: the process that holds a pending charge;
// - users.emailVerifiedAt: sign-up bonus only after the address is verified (when mail is set up);
// - ai_models.editedFields: fields an admin set by hand, which a re-import keeps.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("instances")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("host", "text", (c) => c.notNull())
    .addColumn("pid", "integer", (c) => c.notNull())
    .addColumn("startedAt", "text", (c) => c.notNull())
    .addColumn("heartbeatAt", "text", (c) => c.notNull())
    .execute();
  await db.schema.alterTable("credit_transactions").addColumn("instanceId", "text").execute();
  await db.schema.alterTable("users").addColumn("emailVerifiedAt", "text").execute();
  await db.schema
    .alterTable("ai_models")
    .addColumn("editedFields", "text", (c) => c.notNull().defaultTo("[]"))
    .execute();
  // Rows from before this migration: nobody knows which fields an admin curated, so a re-import
  // keeps all of them unless the admin asks to overwrite.
  await sql`update ai_models set "editedFields" = ${'["displayName","pricing","tags","enabled"]'}`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("ai_models").dropColumn("editedFields").execute();
  await db.schema.alterTable("users").dropColumn("emailVerifiedAt").execute();
  await db.schema.alterTable("credit_transactions").dropColumn("instanceId").execute();
  await db.schema.dropTable("instances").execute();
}
