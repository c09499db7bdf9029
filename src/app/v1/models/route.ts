import { json, withPublic } from "@/lib/api/handler";
import { readCredential } from "@/lib/auth/credential";
import { getPublicCatalog } from "@/lib/catalog/public";
import { parseModels } from "@/lib/keys/views";

export const dynamic = "force-dynamic";

/**
 * OpenAI's model list: exactly the enabled models of enabled providers. Like OpenAI, a credential
 * that is present but not valid is a 401 (a client checking its key learns it is wrong); a
 * personal key with a model list sees only those models.
 */
export const GET = withPublic(async ({ req }) => {
  const credential = await readCredential(req);
  if (credential.status === "invalid") throw credential.error;
  const key = credential.status === "ok" ? credential.credential.apiKey : null;
  const allowed = key ? parseModels(key.allowedModels) : [];
  const { items } = await getPublicCatalog();
  return json({
    object: "list",
    data: items
      .filter((m) => !allowed.length || allowed.includes(m.slug))
      .map((m) => ({
        id: m.slug,
        object: "model",
        created: m.created,
        owned_by: m.providerSlug,
      })),
  });
});
