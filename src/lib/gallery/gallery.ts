import "server-only";
import { sql } from "kysely";
import { decodeCursor, encodeCursor } from "@/lib/cursor";
import { db } from "@/lib/db";
import type { AssetRow } from "@/lib/db/schema";
import type { Asset, AssetQuery } from "./schemas";

export function toAsset(row: AssetRow): Asset {
  return {
    ...row,
    tags: JSON.parse(row.tags) as string[],
    aspectRatio: Number(row.aspectRatio),
    hotScore: Number(row.hotScore),
    durationSec: row.durationSec === null ? null : Number(row.durationSec),
  };
}

/** One gallery page, keyset-paginated on (hotScore|createdAt, id) descending. */
export async function listAssets(
  query: AssetQuery,
  viewerId: string | null,
): Promise<{ items: Asset[]; nextCursor: string | null }> {
  const column = query.sort === "hot" ? "hotScore" : "createdAt";
  let q = db.selectFrom("assets").selectAll();
  if (query.type !== "all") q = q.where("type", "=", query.type);
  if (query.model) q = q.where("modelTag", "=", query.model);
  if (query.tag) {
    const tag = query.tag;
    q = q.where("id", "in", (eb) =>
      eb.selectFrom("asset_tags").select("assetId").where("tag", "=", tag),
    );
  }
  if (query.cursor) {
    const c = decodeCursor(query.cursor, query.sort);
    q = q.where((eb) =>
      eb.or([
        eb(column, "<", c.v as never),
        eb.and([eb(column, "=", c.v as never), eb("id", "<", c.id)]),
      ]),
    );
  }
  const rows = await q
    .orderBy(column, "desc")
    .orderBy("id", "desc")
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const items = page.map(toAsset);
  if (viewerId && items.length) {
    const favored = await db
      .selectFrom("favorites")
      .select("assetId")
      .where("userId", "=", viewerId)
      .where(
        "assetId",
        "in",
        items.map((i) => i.id),
      )
      .execute();
    const set = new Set(favored.map((f) => f.assetId));
    for (const item of items) item.favored = set.has(item.id);
  }
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor({ k: query.sort, v: last[column], id: last.id })
      : null;
  return { items, nextCursor };
}

/** Distinct tags and model tags with counts, for the explore filters. */
export async function listFacets(): Promise<{
  tags: { name: string; count: number }[];
  models: { name: string; count: number }[];
}> {
  const [tags, models] = await Promise.all([
    db
      .selectFrom("asset_tags")
      .select(["tag as name", sql<number>`count(*)`.as("count")])
      .groupBy("tag")
      .orderBy(sql`count(*)`, "desc")
      .orderBy("tag")
      .limit(30)
      .execute(),
    db
      .selectFrom("assets")
      .select(["modelTag as name", sql<number>`count(*)`.as("count")])
      .groupBy("modelTag")
      .orderBy(sql`count(*)`, "desc")
      .orderBy("modelTag")
      .execute(),
  ]);
  const norm = (r: { name: string; count: number | string }) => ({
    name: r.name,
    count: Number(r.count),
  });
  return { tags: tags.map(norm), models: models.map(norm) };
}
