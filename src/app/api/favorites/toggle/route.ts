import { json, readJson, withUser } from "@/lib/api/handler";
import { toggleFavorite } from "@/lib/assets/favorites";
import { favoriteToggleSchema } from "@/lib/assets/schemas";

export const POST = withUser(async ({ req, user }) => {
  const { assetId } = favoriteToggleSchema.parse(await readJson(req));
  return json({ ok: true, favored: await toggleFavorite(user.id, assetId) });
});
