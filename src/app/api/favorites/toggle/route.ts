import { json, readJson, withUser, SMALL_JSON_MAX_BYTES } from "@/lib/api/handler";
import { toggleFavorite } from "@/lib/assets/favorites";
import { favoriteToggleSchema } from "@/lib/assets/schemas";

export const POST = withUser(async ({ req, user }) => {
  const { assetId } = favoriteToggleSchema.parse(await readJson(req, SMALL_JSON_MAX_BYTES));
  return json({ ok: true, favored: await toggleFavorite(user.id, assetId) });
});
