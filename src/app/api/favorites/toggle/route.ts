import { json, readJson, withUser } from "@/lib/api/handler";
import { toggleFavorite } from "@/lib/gallery/favorites";
import { favoriteToggleSchema } from "@/lib/gallery/schemas";

export const POST = withUser(async ({ req, user }) => {
  const { assetId } = favoriteToggleSchema.parse(await readJson(req));
  return json({ ok: true, favored: await toggleFavorite(user.id, assetId) });
});
