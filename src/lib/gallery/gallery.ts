import "server-only";
import { decodeCursor, encodeCursor } from "@/lib/cursor";
import { assetRows, markFavored, toAsset } from "./rows";
import type { Asset, AssetQuery } from "./schemas";

export type AssetPage = { items: Asset[]; nextCursor: string | null };

/** One page of the public gallery, keyset-paginated on (hotScore|createdAt, id) descending. */
export async function listAssets(query: AssetQuery, viewerId: string | null): Promise<AssetPage> {
  const column = query.sort === "hot" ? "assets.hotScore" : "assets.createdAt";
  let q = assetRows().where("assets.published", "=", 1);
  if (query.type !== "all") q = q.where("assets.type", "=", query.type);
  if (query.model) q = q.where("assets.modelTag", "=", query.model);
  if (query.tag) {
    const tag = query.tag;
    q = q.where("assets.id", "in", (eb) =>
      eb.selectFrom("asset_tags").select("assetId").where("tag", "=", tag),
    );
  }
  if (query.cursor) {
    const c = decodeCursor(query.cursor, query.sort);
    q = q.where((eb) =>
      eb.or([
        eb(column, "<", c.v as never),
        eb.and([eb(column, "=", c.v as never), eb("assets.id", "<", c.id)]),
      ]),
    );
  }
  const rows = await q
    .orderBy(column, "desc")
    .orderBy("assets.id", "desc")
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const items = page.map(toAsset);
  await markFavored(items, viewerId);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor({
          k: query.sort,
          v: query.sort === "hot" ? last.hotScore : last.createdAt,
          id: last.id,
        })
      : null;
  return { items, nextCursor };
}
