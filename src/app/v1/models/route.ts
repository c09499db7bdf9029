import { json, withPublic } from "@/lib/api/handler";
import { getPublicCatalog } from "@/lib/catalog/public";

export const dynamic = "force-dynamic";

/** OpenAI's model list: exactly the enabled models of enabled providers. */
export const GET = withPublic(async () => {
  const { items } = await getPublicCatalog();
  return json({
    object: "list",
    data: items.map((m) => ({
      id: m.slug,
      object: "model",
      created: m.created,
      owned_by: m.providerSlug,
    })),
  });
});
