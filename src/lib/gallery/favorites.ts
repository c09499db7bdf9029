import "server-only";
import { galleryChanged } from "./cache";
import { sql } from "kysely";
import { newestFirst } from "@/lib/db/keyset";
import { db, nowIso } from "@/lib/db";
import { ApiError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { hotScore } from "@/lib/ranking";
import type { AssetPage } from "./gallery";
import { assetRows, toAsset } from "./rows";
import type { PageQuery } from "./schemas";

/**
 * Favorites count as likes; the asset's likes and hot score move in the same transaction.
 * Without `desired` the favorite toggles; with it the call sets that state and changes nothing
 * when it already holds (how a favorite asked for while signed out is applied after sign-in).
 */
export async function setFavorite(
  userId: string,
  assetId: string,
  desired?: boolean,
): Promise<boolean> {
  const favored = await db.transaction().execute(async (trx) => {
    const asset = await trx
      .selectFrom("assets")
      .select(["id", "published", "ownerId"])
      .where("id", "=", assetId)
      .executeTakeFirst();
    // An unpublished work is invisible to everyone but its author.
    if (!asset || (Number(asset.published) !== 1 && asset.ownerId !== userId))
      throw new ApiError("not_found", "作品不存在", { param: "assetId" });
    let delta = 0;
    if (desired !== true) {
      const removed = await trx
        .deleteFrom("favorites")
        .where("userId", "=", userId)
        .where("assetId", "=", assetId)
        .executeTakeFirst();
      if (Number(removed.numDeletedRows) > 0) delta = -1;
    }
    if (desired === true || (desired === undefined && delta === 0)) {
      const added = await trx
        .insertInto("favorites")
        .values({ id: newId("fav_"), userId, assetId, createdAt: nowIso() })
        .onConflict((oc) => oc.columns(["userId", "assetId"]).doNothing())
        .executeTakeFirst();
      if (Number(added.numInsertedOrUpdatedRows ?? 0) > 0) delta = 1;
      else return true;
    }
    if (delta === 0) return false;
    const row = await trx
      .updateTable("assets")
      .set({ likes: sql`case when "likes" + ${delta} < 0 then 0 else "likes" + ${delta} end` })
      .where("id", "=", assetId)
      .returning(["likes", "views", "createdAt"])
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("assets")
      .set({ hotScore: hotScore(row) })
      .where("id", "=", assetId)
      .execute();
    return delta > 0;
  });
  galleryChanged();
  return favored;
}

/** The caller's favorites, most recently favored first; works taken down are left out. */
export async function listFavorites(userId: string, query: PageQuery): Promise<AssetPage> {
  const q = assetRows()
    .innerJoin("favorites", "favorites.assetId", "assets.id")
    .select(["favorites.id as favId", "favorites.createdAt as favAt"])
    .where("favorites.userId", "=", userId)
    .where("assets.published", "=", 1);
  const { rows: page, nextCursor } = await newestFirst(q, query, {
    kind: "fav",
    time: "favorites.createdAt",
    id: "favorites.id",
    keyOf: (r) => ({ time: r.favAt, id: r.favId }),
  });
  return {
    items: page.map((r) => ({ ...toAsset(r), favored: true })),
    nextCursor,
  };
}
