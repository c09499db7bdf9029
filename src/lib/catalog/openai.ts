import "server-only";
import { json } from "@/lib/api/handler";
import { ApiError } from "@/lib/errors";
import { getPublicCatalog, type PublicModel } from "./public";

// The catalogue in OpenAI's Models API shape, for SDK clients: GET /v1/models (models.list) and
// GET /v1/models/{id} (models.retrieve), served identically under /api/ai/models. Exactly the
// enabled models of enabled providers; the site's richer view is GET /api/ai/catalog.

export type OpenAiModel = { id: string; object: "model"; created: number; owned_by: string };

const toOpenAi = (m: PublicModel): OpenAiModel => ({
  id: m.slug,
  object: "model",
  created: m.created,
  owned_by: m.providerSlug,
});

export async function listModelsResponse(): Promise<Response> {
  const { items } = await getPublicCatalog();
  return json({ object: "list", data: items.map(toOpenAi) });
}

/**
 * One model by its public slug. Slugs may contain "/" (imports name them `{provider}/{id}`), so
 * the route is a catch-all: the SDK sends `a%2Fb`, a hand-written URL may say `a/b`.
 */
export async function retrieveModelResponse(segments: string[]): Promise<Response> {
  const id = segments.join("/");
  const { items } = await getPublicCatalog();
  const found = items.find((m) => m.slug === id);
  if (!found)
    throw new ApiError("model_not_found", `模型 ${id} 不存在或未启用`, { param: "model" });
  return json(toOpenAi(found));
}
