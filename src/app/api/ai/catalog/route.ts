import { json, withPublic } from "@/lib/api/handler";
import { etagMatches, getPublicCatalog } from "@/lib/catalog/public";

export const dynamic = "force-dynamic";

// The site's catalogue view (creator and /mobile model pickers): enabled models with their
// prices and capabilities, and the catalogue version as ETag (If-None-Match → 304).
export const GET = withPublic(async ({ req }) => {
  const catalog = await getPublicCatalog();
  const etag = `"${catalog.version}"`;
  const headers = { etag, "cache-control": "no-cache" };
  if (etagMatches(req.headers.get("if-none-match"), etag))
    return new Response(null, { status: 304, headers });
  return json(catalog, { headers });
});
