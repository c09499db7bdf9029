import "server-only";
import { db } from "@/lib/db";
import { type Capability, chooseModel, type ModelChoice } from "./model-choice";
import type { AssetParams } from "./schemas";
import { assetRows, toAsset } from "./rows";

// 复用 / 做同款: what /create needs to start from a gallery work — its prompt, its parameters and
// the model it was made with, or the stand-in chosen when that model is not available here.

export type AssetPrefill = {
  assetId: string;
  type: "image" | "video";
  prompt: string;
  params: AssetParams;
  model: ModelChoice;
};

/**
 * `capability` is what the creator will call; "auto" means the work's own kind (a video is remade
 * with a video model, and the page says so when none is available).
 */
export async function getAssetPrefill(
  assetId: string,
  viewerId: string | null,
  capability: Capability | "auto" = "auto",
): Promise<AssetPrefill | null> {
  if (!assetId || assetId.length > 100) return null;
  const row = await assetRows().where("assets.id", "=", assetId).executeTakeFirst();
  if (!row) return null;
  const asset = toAsset(row);
  if (!asset.published && asset.ownerId !== viewerId) return null;
  return {
    assetId: asset.id,
    type: asset.type,
    prompt: asset.prompt ?? "",
    params: asset.params,
    model: await chooseModel(
      asset,
      capability === "auto"
        ? asset.type === "video"
          ? "video.generate"
          : "image.generate"
        : capability,
    ),
  };
}

/** /create?model=<slug>: the model when it is enabled, for 使用此模型 on a work page. */
export async function getEnabledModelSlug(slug: string): Promise<string | null> {
  if (!slug || slug.length > 200) return null;
  const row = await db
    .selectFrom("ai_models")
    .innerJoin("providers", "providers.id", "ai_models.providerId")
    .select("ai_models.slug")
    .where("ai_models.slug", "=", slug)
    .where("ai_models.enabled", "=", 1)
    .where("providers.enabled", "=", 1)
    .executeTakeFirst();
  return row?.slug ?? null;
}
