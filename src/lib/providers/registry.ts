import "server-only";
import { mockAdapter } from "@/lib/providers/mock";
import { ollamaAdapter, ollamaImport } from "@/lib/providers/ollama";
import { openAiCompatible, openAiLikeImport } from "@/lib/providers/openai-compatible";
import { openRouterAdapter, openRouterImport } from "@/lib/providers/openrouter";
import { togetherAdapter, togetherImport } from "@/lib/providers/together";
import type { ImportStrategy, ProviderAdapter, ProviderKind } from "./types";

const ADAPTERS: Record<ProviderKind, ProviderAdapter> = {
  openaiLike: openAiCompatible("openaiLike"),
  openrouter: openRouterAdapter,
  together: togetherAdapter,
  ollama: ollamaAdapter,
  mock: mockAdapter,
};

export const IMPORT_STRATEGIES: Record<ImportStrategy["name"], ImportStrategy> = {
  openaiLike: openAiLikeImport,
  openrouter: openRouterImport,
  together: togetherImport,
  ollama: ollamaImport,
};

/** Unknown kinds (rows written by a newer version) are treated as plain OpenAI-compatible. */
export function adapterFor(kind: string): ProviderAdapter {
  return ADAPTERS[kind as ProviderKind] ?? ADAPTERS.openaiLike;
}
