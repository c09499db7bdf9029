import "server-only";
import { sql } from "kysely";
import { db } from "@/lib/db";
import { galleryCached } from "./cache";
import type { FeedParams } from "./feed-params";

export type Facet = { name: string; count: number };
export type Facets = { types: Facet[]; tags: Facet[]; models: Facet[] };

const TAG_LIMIT = 30;

type Filters = Pick<FeedParams, "type" | "tag" | "model">;

// Each facet is counted under every active filter except its own, so a count always equals
// what choosing that value would show (类型=视频 never offers a model with only images).
function published(skip: keyof Filters, f: Filters) {
  let q = db.selectFrom("assets").where("assets.published", "=", 1);
  if (skip !== "type" && f.type !== "all") q = q.where("assets.type", "=", f.type);
  if (skip !== "model" && f.model) q = q.where("assets.modelTag", "=", f.model);
  if (skip !== "tag" && f.tag) {
    const tag = f.tag;
    q = q.where("assets.id", "in", (eb) =>
      eb.selectFrom("asset_tags").select("assetId").where("tag", "=", tag),
    );
  }
  return q;
}

const norm = (r: { name: string; count: number | string | bigint }): Facet => ({
  name: r.name,
  count: Number(r.count),
});

/** Keeps the active value in the list even when nothing matches it (an unknown URL value). */
function withActive(list: Facet[], active: string | undefined): Facet[] {
  if (!active || list.some((f) => f.name === active)) return list;
  return [{ name: active, count: 0 }, ...list];
}

/** How long counts may lag a write made by another process (this one's own writes clear them). */
const FACETS_TTL_MS = 30_000;

/** The facet counts under these filters; cached (src/lib/gallery/cache.ts), never a scan per view. */
export function listFacets(f: Filters): Promise<Facets> {
  return galleryCached(JSON.stringify(["facets", f.type, f.model, f.tag]), FACETS_TTL_MS, () =>
    countFacets(f),
  );
}

async function countFacets(f: Filters): Promise<Facets> {
  const [types, tags, models] = await Promise.all([
    published("type", f)
      .select(["assets.type as name", sql<number>`count(*)`.as("count")])
      .groupBy("assets.type")
      .execute(),
    published("tag", f)
      .innerJoin("asset_tags", "asset_tags.assetId", "assets.id")
      .select(["asset_tags.tag as name", sql<number>`count(*)`.as("count")])
      .groupBy("asset_tags.tag")
      .orderBy(sql`count(*)`, "desc")
      .orderBy("asset_tags.tag")
      .limit(TAG_LIMIT)
      .execute(),
    published("model", f)
      .select(["assets.modelTag as name", sql<number>`count(*)`.as("count")])
      .groupBy("assets.modelTag")
      .orderBy(sql`count(*)`, "desc")
      .orderBy("assets.modelTag")
      .execute(),
  ]);
  const byType = new Map(types.map((t) => [t.name, Number(t.count)]));
  const image = byType.get("image") ?? 0;
  const video = byType.get("video") ?? 0;
  let tagFacets = tags.map(norm);
  // The active tag may sit below the top of the list: count it on its own.
  if (f.tag && !tagFacets.some((t) => t.name === f.tag)) {
    const tag = f.tag;
    const row = await published("tag", f)
      .innerJoin("asset_tags", "asset_tags.assetId", "assets.id")
      .where("asset_tags.tag", "=", tag)
      .select(sql<number>`count(*)`.as("count"))
      .executeTakeFirst();
    tagFacets = [{ name: tag, count: Number(row?.count ?? 0) }, ...tagFacets];
  }
  return {
    types: [
      { name: "all", count: image + video },
      { name: "image", count: image },
      { name: "video", count: video },
    ],
    tags: tagFacets,
    models: withActive(models.map(norm), f.model),
  };
}
