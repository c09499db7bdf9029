import "server-only";
import { joinUrl, mapOpenAiModelList, openAiCompatible } from "@/lib/providers/openai-compatible";
import type { ImportedModel, ImportStrategy } from "../types";

// Ollama: OpenAI-compatible under /v1; older servers only list models at the native /api/tags.

export const ollamaAdapter = openAiCompatible("ollama");

/** The native API lives beside /v1: http://host:11434/v1 → http://host:11434/api/tags. */
export function ollamaTagsUrl(baseURL: string): string {
  const u = new URL(baseURL);
  u.pathname = u.pathname.replace(/\/+$/, "").replace(/\/v1$/, "") + "/api/tags";
  u.search = "";
  return u.toString();
}

type OllamaTag = { name?: unknown; model?: unknown; details?: { family?: unknown } };

export function mapOllamaTags(json: unknown): ImportedModel[] | null {
  const models = (json as { models?: unknown })?.models;
  if (!Array.isArray(models)) return null;
  const out: ImportedModel[] = [];
  for (const m of models as OllamaTag[]) {
    const id =
      typeof m?.model === "string" && m.model ? m.model : typeof m?.name === "string" ? m.name : "";
    if (!id) continue;
    out.push({
      upstreamModel: id,
      displayName: id,
      family: typeof m.details?.family === "string" ? m.details.family : "",
      capabilities: /embed/i.test(id) ? ["embedding"] : ["chat"],
      modalities: ["text"],
    });
  }
  return out;
}

export const ollamaImport: ImportStrategy = {
  name: "ollama",
  urls: (baseURL) => [joinUrl(baseURL, "models"), ollamaTagsUrl(baseURL)],
  map: (json) => {
    const list = mapOpenAiModelList(json) ?? mapOllamaTags(json);
    // An empty /v1/models on an old server is not an answer: fall through to /api/tags.
    return list && list.length
      ? list.map((m) => ({
          ...m,
          capabilities: /embed/i.test(m.upstreamModel) ? ["embedding" as const] : m.capabilities,
        }))
      : null;
  },
};
