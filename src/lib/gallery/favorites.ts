import "server-only";
import { sql } from "kysely";
import { db, nowIso } from "@/lib/db";
import { ApiError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { hotScore } from "@/lib/ranking";

/** Favorites count as likes; the asset's likes and hot score move in the same transaction. */
export async function toggleFavorite(userId: string, assetId: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const asset = await trx
      .selectFrom("assets")
      .select(["id"])
      .where("id", "=", assetId)
      .executeTakeFirst();
    if (!asset) throw new ApiError("not_found", "作品不存在", { param: "assetId" });
    const removed = await trx
      .deleteFrom("favorites")
      .where("userId", "=", userId)
      .where("assetId", "=", assetId)
      .executeTakeFirst();
    const favored = Number(removed.numDeletedRows) === 0;
    if (favored) {
      await trx
        .insertInto("favorites")
        .values({ id: newId("fav_"), userId, assetId, createdAt: nowIso() })
        .onConflict((oc) => oc.columns(["userId", "assetId"]).doNothing())
        .execute();
    }
    const delta = favored ? 1 : -1;
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
    return favored;
  });
}
