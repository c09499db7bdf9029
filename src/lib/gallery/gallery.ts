import "server-only";
import { decodeCursor, encodeCursor } from "@/lib/cursor";
import { galleryCached } from "./cache";
import { assetRows, markFavored, toAsset } from "./rows";
import type { Asset, AssetQuery } from "./schemas";

export type AssetPage = { items: Asset[]; nextCursor: string | null };

/** How long a first page may lag views, likes and other processes' writes. */
const FIRST_PAGE_TTL_MS = 5_000;

/**
 * One page of the public gallery, keyset-paginated on (hotScore|createdAt, id) descending. The
 * first page of each filter (what / and /explore render) is shared for a few seconds; who has
 * favored what is marked per viewer on every request.
 */
export async function listAssets(query: AssetQuery, viewerId: string | null): Promise<AssetPage> {
  const rows = query.cursor
    ? await pageRows(query)
    : await galleryCached(
        JSON.stringify(["first", query.sort, query.type, query.model, query.tag, query.limit]),
        FIRST_PAGE_TTL_MS,
        () => pageRows(query),
      );
  return pageOf(query, rows, viewerId);
}

function pageRows(query: AssetQuery) {
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
  return q
    .orderBy(column, "desc")
    .orderBy("assets.id", "desc")
    .limit(query.limit + 1)
    .execute();
}

async function pageOf(
  query: AssetQuery,
  rows: Awaited<ReturnType<typeof pageRows>>,
  viewerId: string | null,
): Promise<AssetPage> {
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
