import { type Kysely, sql } from "kysely";

// The gallery's work pages: what a work was made with (the model's public slug and the call's
// parameters), a large rendition next to the card-sized cover, the author's publish switch, and
// views counted once per visitor per day. Every new assets column is nullable or defaulted, so
// code that inserts assets without knowing them keeps working.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("assets").addColumn("modelSlug", "text").execute();
  await db.schema
    .alterTable("assets")
    .addColumn("params", "text", (c) => c.notNull().defaultTo("{}"))
    .execute();
  await db.schema
    .alterTable("assets")
    .addColumn("published", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable("assets").addColumn("fullUrl", "text").execute();
  await db.schema.alterTable("assets").addColumn("updatedAt", "text").execute();

  // Works published before this migration carry only the model's display name; find the slug
  // where the catalogue still knows that name.
  await sql`
    update assets set "modelSlug" = (
      select m.slug from ai_models m
      where m."displayName" = assets."modelTag" or m.slug = assets."modelTag"
      order by m.sort, m.slug limit 1)
    where "modelSlug" is null`.execute(db);

  await db.schema.dropIndex("assets_owner").ifExists().execute();
  await db.schema
    .createIndex("assets_owner_time")
    .on("assets")
    .columns(["ownerId", "createdAt", "id"])
    .execute();
  await db.schema
    .createIndex("favorites_user_time")
    .on("favorites")
    .columns(["userId", "createdAt", "id"])
    .execute();

  // One row per (work, visitor, UTC day): a second view the same day inserts nothing.
  await db.schema
    .createTable("asset_views")
    .addColumn("assetId", "text", (c) => c.notNull().references("assets.id").onDelete("cascade"))
    .addColumn("visitor", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("asset_views_pk", ["assetId", "visitor", "day"])
    .execute();
  await db.schema.createIndex("asset_views_day").on("asset_views").column("day").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("asset_views").ifExists().execute();
  await db.schema.dropIndex("favorites_user_time").ifExists().execute();
  await db.schema.dropIndex("assets_owner_time").ifExists().execute();
  await db.schema
    .createIndex("assets_owner")
    .on("assets")
    .columns(["ownerId", "createdAt"])
    .execute();
  for (const column of ["updatedAt", "fullUrl", "published", "params", "modelSlug"])
    await db.schema.alterTable("assets").dropColumn(column).execute();
}
