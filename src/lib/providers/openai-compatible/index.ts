import type { Capability } from "@/lib/operations/registry";
import "server-only";
import { httpFetch } from "../http-fetch";
import {
  type ImportedModel,
  type ImportStrategy,
  type ProviderAdapter,
  type ProviderKind,
  PROVIDER_KIND_INFO,
} from "../types";

// The shared base for every provider that speaks the OpenAI wire format.

export function openAiCompatible(
  kind: ProviderKind,
  data: Partial<Omit<ProviderAdapter, "kind">> = {},
): ProviderAdapter {
  return {
    kind,
    label: data.label ?? PROVIDER_KIND_INFO[kind].label,
    fetch: data.fetch ?? httpFetch,
    defaultHeaders: data.defaultHeaders ?? {},
    defaultBaseURL: data.defaultBaseURL ?? PROVIDER_KIND_INFO[kind].defaultBaseURL,
  };
}

export const joinUrl = (baseURL: string, path: string) =>
  `${baseURL.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;

const EMBEDDING = /embed|text-similarity|(^|[/_-])(bge|e5|gte)-/i;
const SPEECH = /(^|[/_-])(tts|sonic|kokoro)|text-to-speech|(^|[/_-])speech-\d/i;
// Transcription, moderation, reranking and realtime have no operation here: skipped on import.
const NOT_CALLABLE =
  /whisper|transcri|moderation|rerank|audio|speech|realtime|search|davinci-00|babbage|ada-00/i;
const IMAGE_MODEL =
  /dall-e|gpt-image|image|flux|stable-diffusion|sdxl|sd3|midjourney|imagen|kolors|playground/i;
const EDITABLE = /dall-e-2|gpt-image|edit|kontext|inpaint/i;
// Image tools by their usual names: upscalers, background removers, outpainters.
const UPSCALER = /esrgan|upscal|swinir|super-?res/i;
const BACKGROUND = /rembg|remove-?bg|background-?remov|rmbg|birefnet/i;
const OUTPAINTER = /outpaint/i;
const VIDEO_MODEL =
  /(^|[/_-])(sora|veo-?\d|kling|seedance|hailuo|runway|luma|pika|wan-?2)|ltx-?video|video/i;

/** Best guess from a model id; null for models this app has no operation for (transcription…). */
export function inferCapabilities(id: string): Capability[] | null {
  if (EMBEDDING.test(id)) return ["embedding"];
  if (SPEECH.test(id)) return ["audio.speech"];
  if (VIDEO_MODEL.test(id)) return ["video.generate"];
  if (UPSCALER.test(id)) return ["image.upscale"];
  if (BACKGROUND.test(id)) return ["image.background"];
  if (OUTPAINTER.test(id)) return ["image.outpaint"];
  if (IMAGE_MODEL.test(id))
    return EDITABLE.test(id) ? ["image.generate", "image.edit"] : ["image.generate"];
  if (NOT_CALLABLE.test(id)) return null;
  return ["chat"];
}

export function modalitiesFor(capabilities: Capability[]): string[] {
  if (capabilities.includes("video.generate")) return ["video"];
  if (capabilities.some((c) => c.startsWith("image"))) return ["image"];
  if (capabilities.includes("audio.speech")) return ["audio"];
  return ["text"];
}

type OpenAiModel = { id?: unknown; owned_by?: unknown };

export function mapOpenAiModelList(json: unknown): ImportedModel[] | null {
  const data = (json as { data?: unknown })?.data;
  if (!Array.isArray(data)) return null;
  const out: ImportedModel[] = [];
  for (const m of data as OpenAiModel[]) {
    if (typeof m?.id !== "string" || !m.id) continue;
    const capabilities = inferCapabilities(m.id) ?? [];
    out.push({
      upstreamModel: m.id,
      displayName: m.id,
      family: typeof m.owned_by === "string" ? m.owned_by : "",
      capabilities,
      modalities: modalitiesFor(capabilities),
    });
  }
  return out;
}

export const openAiLikeImport: ImportStrategy = {
  name: "openaiLike",
  urls: (baseURL) => [joinUrl(baseURL, "models")],
  map: (json) => mapOpenAiModelList(json),
};
