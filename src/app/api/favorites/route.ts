import { json, withUser } from "@/lib/api/handler";
import { listFavorites } from "@/lib/gallery/favorites";
import { pageQuerySchema } from "@/lib/gallery/schemas";

export const GET = withUser(async ({ req, user }) => {
  const query = pageQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return json(await listFavorites(user.id, query));
});
