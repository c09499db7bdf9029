import "server-only";
import type { Capability } from "@/lib/operations/registry";
import type { PricingInput } from "@/lib/pricing/schema";
import { joinUrl, modalitiesFor, openAiCompatible } from "@/lib/providers/openai-compatible";
import { usdToCreditsPerK } from "@/lib/providers/openrouter";
import type { ImportedModel, ImportStrategy } from "../types";

// Together: OpenAI-compatible, but GET /models answers a bare array with a `type` per model and
// prices in USD per million tokens.

export const togetherAdapter = openAiCompatible("together");

type TogetherModel = {
  id?: unknown;
  type?: unknown;
  display_name?: unknown;
  organization?: unknown;
  context_length?: unknown;
  pricing?: { input?: unknown; output?: unknown; base?: unknown };
};

const CAPS_BY_TYPE: Record<string, Capability[]> = {
  chat: ["chat"],
  language: ["chat"],
  code: ["chat"],
  image: ["image.generate"],
  embedding: ["embedding"],
  audio: ["audio.speech"],
};

export function mapTogetherModels(
  json: unknown,
  { creditsPerUsd }: { creditsPerUsd: number },
): ImportedModel[] | null {
  const list = Array.isArray(json) ? json : (json as { data?: unknown })?.data;
  if (!Array.isArray(list)) return null;
  const out: ImportedModel[] = [];
  for (const m of list as TogetherModel[]) {
    if (typeof m?.id !== "string" || !m.id) continue;
    const capabilities = CAPS_BY_TYPE[String(m.type)] ?? [];
    const input = Number(m.pricing?.input);
    const output = Number(m.pricing?.output);
    let pricing: PricingInput | undefined;
    if (
      capabilities.includes("chat") &&
      Number.isFinite(input) &&
      Number.isFinite(output) &&
      input >= 0 &&
      output >= 0
    ) {
      pricing = {
        chat: {
          perKTokens: {
            input: usdToCreditsPerK(input / 1e6, creditsPerUsd),
            output: usdToCreditsPerK(output / 1e6, creditsPerUsd),
          },
        },
      };
    } else if (capabilities.includes("embedding") && Number.isFinite(input) && input >= 0) {
      pricing = {
        embedding: { perKTokens: { input: usdToCreditsPerK(input / 1e6, creditsPerUsd) } },
      };
    }
    out.push({
      upstreamModel: m.id,
      displayName: typeof m.display_name === "string" && m.display_name ? m.display_name : m.id,
      family: typeof m.organization === "string" ? m.organization : "",
      capabilities,
      modalities: modalitiesFor(capabilities),
      contextWindow:
        typeof m.context_length === "number" && m.context_length > 0 ? m.context_length : undefined,
      pricing,
    });
  }
  return out;
}

export const togetherImport: ImportStrategy = {
  name: "together",
  urls: (baseURL) => [joinUrl(baseURL, "models")],
  map: mapTogetherModels,
};
