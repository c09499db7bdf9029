import "server-only";
import type { PricingInput } from "@/lib/pricing/schema";
import { joinUrl, openAiCompatible } from "@/lib/providers/openai-compatible";
import type { ImportedModel, ImportStrategy } from "../types";

// OpenRouter: OpenAI-compatible chat; its catalogue carries context length, modalities and USD
// per-token prices (strings), which map onto our per-1K-token credit prices.

export const openRouterAdapter = openAiCompatible("openrouter");

type OpenRouterModel = {
  id?: unknown;
  name?: unknown;
  context_length?: unknown;
  architecture?: { input_modalities?: unknown; output_modalities?: unknown; modality?: unknown };
  pricing?: { prompt?: unknown; completion?: unknown };
};

const price = (v: unknown): number | null => {
  const n = typeof v === "string" || typeof v === "number" ? Number(v) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : null;
};
/** USD per unit → credits per 1000 units, rounded to 6 significant decimals. */
export const usdToCreditsPerK = (usd: number, creditsPerUsd: number) =>
  Math.round(usd * 1000 * creditsPerUsd * 1e6) / 1e6;

export function mapOpenRouterModels(
  json: unknown,
  { creditsPerUsd }: { creditsPerUsd: number },
): ImportedModel[] | null {
  const data = (json as { data?: unknown })?.data;
  if (!Array.isArray(data)) return null;
  const out: ImportedModel[] = [];
  for (const m of data as OpenRouterModel[]) {
    if (typeof m?.id !== "string" || !m.id) continue;
    const outputs = Array.isArray(m.architecture?.output_modalities)
      ? (m.architecture.output_modalities as string[])
      : ["text"];
    const inputs = Array.isArray(m.architecture?.input_modalities)
      ? (m.architecture.input_modalities as string[])
      : ["text"];
    // OpenRouter serves every model through chat completions; models with no text output are not callable here.
    const capabilities = outputs.includes("text") ? (["chat"] as const) : [];
    const input = price(m.pricing?.prompt);
    const output = price(m.pricing?.completion);
    const pricing: PricingInput | undefined =
      input !== null && output !== null
        ? {
            chat: {
              perKTokens: {
                input: usdToCreditsPerK(input, creditsPerUsd),
                output: usdToCreditsPerK(output, creditsPerUsd),
              },
            },
          }
        : undefined;
    out.push({
      upstreamModel: m.id,
      displayName: typeof m.name === "string" && m.name ? m.name : m.id,
      family: m.id.includes("/") ? m.id.split("/")[0] : "",
      capabilities: [...capabilities],
      modalities: inputs.filter((x) => x === "text" || x === "image"),
      contextWindow:
        typeof m.context_length === "number" && m.context_length > 0 ? m.context_length : undefined,
      pricing,
    });
  }
  return out;
}

export const openRouterImport: ImportStrategy = {
  name: "openrouter",
  urls: (baseURL) => [joinUrl(baseURL, "models")],
  map: mapOpenRouterModels,
};
