import type { Kysely } from "kysely";

// Image tools and workflows (issue 12). A workflow is data: an ordered list of steps, run as one
// parent task whose steps are child tasks (`parentId`, `stepIndex`), each owning its own hold.
// Projects group a user's generations (tasks) by name; a task is in at most one project.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("workflows")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    // JSON array of steps: [{tool, params, model?}].
    .addColumn("steps", "text", (c) => c.notNull())
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("sort", "integer", (c) => c.notNull().defaultTo(0))
    // 1 = one of the shipped presets; an admin may edit or disable them like any other.
    .addColumn("builtin", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("updatedAt", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("projects")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("userId", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("updatedAt", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("projects_user_name")
    .on("projects")
    .columns(["userId", "name"])
    .unique()
    .execute();

  await db.schema.alterTable("tasks").addColumn("parentId", "text").execute();
  await db.schema.alterTable("tasks").addColumn("stepIndex", "integer").execute();
  await db.schema.alterTable("tasks").addColumn("projectId", "text").execute();
  await db.schema
    .createIndex("tasks_parent")
    .on("tasks")
    .columns(["parentId", "stepIndex"])
    .execute();
  await db.schema
    .createIndex("tasks_user_project_time")
    .on("tasks")
    .columns(["userId", "projectId", "createdAt", "id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("tasks_user_project_time").ifExists().execute();
  await db.schema.dropIndex("tasks_parent").ifExists().execute();
  await db.schema.alterTable("tasks").dropColumn("projectId").execute();
  await db.schema.alterTable("tasks").dropColumn("stepIndex").execute();
  await db.schema.alterTable("tasks").dropColumn("parentId").execute();
  await db.schema.dropTable("projects").ifExists().execute();
  await db.schema.dropTable("workflows").ifExists().execute();
}
