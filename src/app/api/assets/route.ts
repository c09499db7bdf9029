import { json, withOptionalUser } from "@/lib/api/handler";
import { listAssets } from "@/lib/gallery/gallery";
import { assetQuerySchema } from "@/lib/gallery/schemas";

export const GET = withOptionalUser(async ({ req, user }) => {
  const query = assetQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return json(await listAssets(query, user?.id ?? null));
});
