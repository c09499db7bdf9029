import "server-only";
import { sql } from "kysely";
import { db } from "@/lib/db";

// 复用: what /create needs to start from a gallery asset — its prompt, and the enabled model it
// was made with when that model is still in the library (matched by slug or display name).

export type AssetPrefill = {
  assetId: string;
  type: "image" | "video";
  prompt: string;
  modelSlug: string | null;
};

export async function getAssetPrefill(assetId: string): Promise<AssetPrefill | null> {
  if (!assetId || assetId.length > 100) return null;
  const asset = await db
    .selectFrom("assets")
    .select(["id", "type", "prompt", "modelTag"])
    .where("id", "=", assetId)
    .executeTakeFirst();
  if (!asset) return null;
  const tag = asset.modelTag.trim();
  const model = tag
    ? await db
        .selectFrom("ai_models")
        .innerJoin("providers", "providers.id", "ai_models.providerId")
        .select("ai_models.slug")
        .where("ai_models.enabled", "=", 1)
        .where("providers.enabled", "=", 1)
        .where((eb) =>
          eb.or([
            eb("ai_models.slug", "=", tag),
            eb(sql`lower(${sql.ref("ai_models.displayName")})`, "=", tag.toLowerCase()),
          ]),
        )
        .orderBy("ai_models.sort")
        .executeTakeFirst()
    : undefined;
  return {
    assetId: asset.id,
    type: asset.type,
    prompt: asset.prompt ?? "",
    modelSlug: model?.slug ?? null,
  };
}
