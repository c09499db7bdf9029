import "server-only";
import type { NextRequest } from "next/server";
import { json } from "@/lib/api/handler";
import { readCredential } from "@/lib/auth/credential";
import { ApiError } from "@/lib/errors";
import { parseModels } from "@/lib/keys/views";
import { getPublicCatalog, type PublicModel } from "./public";

// The catalogue in OpenAI's Models API shape, for SDK clients: GET /v1/models (models.list) and
// GET /v1/models/{id} (models.retrieve), served identically under /api/ai/models. Exactly the
// enabled models of enabled providers; the site's richer view is GET /api/ai/catalog.
// Like OpenAI, a credential that is present but not valid is a 401 (a client checking its key
// learns it is wrong); a personal key with a model list sees only those models.

export type OpenAiModel = { id: string; object: "model"; created: number; owned_by: string };

const toOpenAi = (m: PublicModel): OpenAiModel => ({
  id: m.slug,
  object: "model",
  created: m.created,
  owned_by: m.providerSlug,
});

/** The catalogue this caller may see: all of it, or a personal key's allowed models. */
async function visibleModels(req: NextRequest): Promise<PublicModel[]> {
  const credential = await readCredential(req);
  if (credential.status === "invalid") throw credential.error;
  const key = credential.status === "ok" ? credential.credential.apiKey : null;
  const allowed = key ? parseModels(key.allowedModels) : [];
  const { items } = await getPublicCatalog();
  return allowed.length ? items.filter((m) => allowed.includes(m.slug)) : items;
}

export async function listModelsResponse({ req }: { req: NextRequest }): Promise<Response> {
  return json({ object: "list", data: (await visibleModels(req)).map(toOpenAi) });
}

/**
 * One model by its public slug. Slugs may contain "/" (imports name them `{provider}/{id}`), so
 * the route is a catch-all: the SDK sends `a%2Fb`, a hand-written URL may say `a/b`.
 */
export async function retrieveModelResponse(
  req: NextRequest,
  segments: string[],
): Promise<Response> {
  const id = segments.join("/");
  const found = (await visibleModels(req)).find((m) => m.slug === id);
  if (!found)
    throw new ApiError("model_not_found", `模型 ${id} 不存在或未启用`, { param: "model" });
  return json(toOpenAi(found));
}
