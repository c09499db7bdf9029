import { type Kysely, sql } from "kysely";

// Async generation (contract §8): one row per generation a user makes — a video, an image call
// on a task-based provider, or a synchronous image call recorded when it finished. The row owns
// its credit hold and outlives the request, the process and the instance that created it.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("tasks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("userId", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    // Snapshots: the task keeps its model's public slug and its provider even if they change.
    .addColumn("modelSlug", "text", (c) => c.notNull())
    .addColumn("providerSlug", "text", (c) => c.notNull())
    .addColumn("providerId", "text")
    .addColumn("upstreamModel", "text", (c) => c.notNull())
    // The provider's job id: private, never in an answer.
    .addColumn("upstreamJobId", "text")
    .addColumn("requestId", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("progress", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("input", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("outputs", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("price", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("holdId", "text")
    .addColumn("creditsHeld", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("creditsCharged", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("error", "text")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("nextPollAt", "text")
    .addColumn("lockedUntil", "text")
    .addColumn("lockedBy", "text")
    .addColumn("remixOf", "text")
    .addColumn("upstreamDoneAt", "text")
    .addColumn("deletedAt", "text")
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("startedAt", "text")
    .addColumn("finishedAt", "text")
    .addColumn("updatedAt", "text", (c) => c.notNull())
    .execute();
  // A user's history, newest first (keyset on createdAt, id).
  await db.schema
    .createIndex("tasks_user_time")
    .on("tasks")
    .columns(["userId", "createdAt", "id"])
    .execute();
  // The runner's claim: live tasks by due time. Partial, so finished history costs it nothing.
  await db.schema
    .createIndex("tasks_due")
    .on("tasks")
    .columns(["nextPollAt"])
    .where(sql<boolean>`"status" in ('queued', 'in_progress')`)
    .execute();
  await db.schema
    .createIndex("tasks_user_request")
    .on("tasks")
    .columns(["userId", "requestId"])
    .execute();
  // The stale-hold reaper asks "does a live task own this hold?".
  await db.schema.createIndex("tasks_hold").on("tasks").column("holdId").execute();
  await db.schema.createIndex("tasks_time").on("tasks").columns(["createdAt", "id"]).execute();
  await db.schema
    .createIndex("tasks_status_time")
    .on("tasks")
    .columns(["status", "createdAt"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("tasks").ifExists().execute();
}
