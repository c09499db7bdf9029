import type { Kysely } from "kysely";

// Stored Responses (POST /v1/responses with store ≠ false), so `previous_response_id`,
// `item_reference` and GET /v1/responses/{id} work. One row per response, owned by its user;
// rows expire (`expiresAt`) and each user keeps at most RESPONSES_MAX_PER_USER of them.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("ai_responses")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("userId", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("modelSlug", "text", (c) => c.notNull())
    .addColumn("previousResponseId", "text")
    // The conversation as chat messages up to this response's output (instructions excluded,
    // as they are not carried over to the next response), JSON.
    .addColumn("history", "text", (c) => c.notNull())
    // The Response object as answered, JSON.
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("expiresAt", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("ai_responses_user_time")
    .on("ai_responses")
    .columns(["userId", "createdAt"])
    .execute();
  await db.schema
    .createIndex("ai_responses_expiry")
    .on("ai_responses")
    .column("expiresAt")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("ai_responses").execute();
}
