import "server-only";
import { newestFirst } from "@/lib/db/keyset";
import { galleryChanged } from "./cache";
import { db, nowIso } from "@/lib/db";
import type { UserRow } from "@/lib/db/schema";
import { ApiError } from "@/lib/errors";
import type { AssetPage } from "./gallery";
import { assetRows, markFavored, toAsset } from "./rows";
import type { Asset, PageQuery, WorkUpdate } from "./schemas";

type Viewer = Pick<UserRow, "id" | "role"> | null;

const canManage = (asset: { ownerId: string | null }, viewer: Viewer) =>
  viewer !== null && (viewer.role === "admin" || asset.ownerId === viewer.id);

/** A work as its page shows it; an unpublished one exists only for its author (and admins). */
export async function getWork(id: string, viewer: Viewer): Promise<Asset | null> {
  if (!id || id.length > 100) return null;
  const row = await assetRows().where("assets.id", "=", id).executeTakeFirst();
  if (!row) return null;
  const asset = toAsset(row);
  if (!asset.published && !canManage(asset, viewer)) return null;
  await markFavored([asset], viewer?.id ?? null);
  return asset;
}

/**
 * The work `id` if `user` may change it (its author, or an admin), else the contract's error:
 * 404 when the work does not exist or is hidden from the caller, 403 when it is someone else's
 * public work (its existence is no secret).
 */
export async function getWorkOrThrow({ id, user }: { id: string; user: Viewer }): Promise<Asset> {
  const row = await assetRows().where("assets.id", "=", id).executeTakeFirst();
  const asset = row ? toAsset(row) : null;
  if (!asset || (!asset.published && !canManage(asset, user)))
    throw new ApiError("not_found", "作品不存在");
  if (!canManage(asset, user)) throw new ApiError("forbidden", "只有作者可以修改这件作品");
  return asset;
}

/** Title, tags and the publish switch; tags are rewritten in the same transaction. */
export async function updateWork(id: string, user: UserRow, patch: WorkUpdate): Promise<Asset> {
  await getWorkOrThrow({ id, user });
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("assets")
      .set({
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.tags !== undefined ? { tags: JSON.stringify(patch.tags) } : {}),
        ...(patch.published !== undefined ? { published: patch.published ? 1 : 0 } : {}),
        updatedAt: nowIso(),
      })
      .where("id", "=", id)
      .execute();
    if (patch.tags !== undefined) {
      await trx.deleteFrom("asset_tags").where("assetId", "=", id).execute();
      if (patch.tags.length)
        await trx
          .insertInto("asset_tags")
          .values(patch.tags.map((tag) => ({ assetId: id, tag })))
          .execute();
    }
  });
  galleryChanged();
  const updated = await getWork(id, user);
  if (!updated) throw new ApiError("not_found", "作品不存在");
  return updated;
}

/** The caller's own works, newest first, published or not. */
export async function listMyWorks(ownerId: string, query: PageQuery): Promise<AssetPage> {
  const q = assetRows().where("assets.ownerId", "=", ownerId);
  const { rows: page, nextCursor } = await newestFirst(q, query, {
    kind: "mine",
    time: "assets.createdAt",
    id: "assets.id",
    keyOf: (r) => ({ time: r.createdAt, id: r.id }),
  });
  const items = page.map(toAsset);
  await markFavored(items, ownerId);
  return {
    items,
    nextCursor,
  };
}

/** Works like this one: the same model or a shared tag, hottest first. */
export async function relatedWorks(asset: Asset, viewerId: string | null, limit = 12) {
  const rows = await assetRows()
    .where("assets.published", "=", 1)
    .where("assets.id", "!=", asset.id)
    .where((eb) =>
      eb.or([
        eb("assets.modelTag", "=", asset.modelTag),
        ...(asset.tags.length
          ? [
              eb(
                "assets.id",
                "in",
                eb.selectFrom("asset_tags").select("assetId").where("tag", "in", asset.tags),
              ),
            ]
          : []),
      ]),
    )
    .orderBy("assets.hotScore", "desc")
    .orderBy("assets.id", "desc")
    .limit(limit)
    .execute();
  const items = rows.map(toAsset);
  await markFavored(items, viewerId);
  return items;
}
