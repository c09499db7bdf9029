import { json, readJson, withUser, SMALL_JSON_MAX_BYTES } from "@/lib/api/handler";
import { setFavorite } from "@/lib/gallery/favorites";
import { favoriteToggleSchema } from "@/lib/gallery/schemas";

export const POST = withUser(async ({ req, user }) => {
  const { assetId, favored } = favoriteToggleSchema.parse(
    await readJson(req, SMALL_JSON_MAX_BYTES),
  );
  return json({ ok: true, favored: await setFavorite(user.id, assetId, favored) });
});
