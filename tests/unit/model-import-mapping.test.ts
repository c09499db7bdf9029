import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { pricingSchema } from "@/lib/pricing/schema";
import { ollamaImport, ollamaTagsUrl } from "@/lib/providers/ollama";
import { inferCapabilities, openAiLikeImport } from "@/lib/providers/openai-compatible";
import { openRouterImport } from "@/lib/providers/openrouter";
import { togetherImport } from "@/lib/providers/together";

const fixture = (name: string) =>
  JSON.parse(fs.readFileSync(`tests/fixtures/providers/${name}`, "utf8")) as unknown;
const opts = { creditsPerUsd: 100 };
const byId = <T extends { upstreamModel: string }>(list: T[] | null) =>
  Object.fromEntries((list ?? []).map((m) => [m.upstreamModel, m]));

describe("import mapping", () => {
  it("openaiLike: infers capabilities from ids, leaves non-generative models without any", () => {
    const m = byId(openAiLikeImport.map(fixture("openai-models.json"), opts));
    expect(m["gpt-4o-mini"]).toMatchObject({
      capabilities: ["chat"],
      modalities: ["text"],
      family: "system",
      displayName: "gpt-4o-mini",
    });
    expect(m["dall-e-3"].capabilities).toEqual(["image.generate"]);
    expect(m["dall-e-2"].capabilities).toEqual(["image.generate", "image.edit"]);
    expect(m["gpt-image-1"].capabilities).toEqual(["image.generate", "image.edit"]);
    expect(m["gpt-image-1"].modalities).toEqual(["image"]);
    // Embeddings and speech have operations now; transcription and moderation still do not.
    expect(m["text-embedding-3-small"]).toMatchObject({
      capabilities: ["embedding"],
      modalities: ["text"],
    });
    expect(m["tts-1-hd"]).toMatchObject({ capabilities: ["audio.speech"], modalities: ["audio"] });
    for (const id of ["whisper-1", "omni-moderation-latest"])
      expect(m[id].capabilities, id).toEqual([]);
    for (const [id, caps] of [
      ["gpt-4o-mini-tts", ["audio.speech"]],
      ["BAAI/bge-m3", ["embedding"]],
      ["intfloat/multilingual-e5-large", ["embedding"]],
      ["cartesia/sonic-2", ["audio.speech"]],
      ["gpt-4o-transcribe", null],
      ["gpt-4o-realtime-preview", null],
      ["gpt-5-mini", ["chat"]],
      ["Qwen/Qwen2.5-72B-Instruct", ["chat"]],
    ] as const)
      expect(inferCapabilities(id), id).toEqual(caps);
    expect(openAiLikeImport.urls("https://api.x.com/v1/")).toEqual(["https://api.x.com/v1/models"]);
    expect(openAiLikeImport.map({ models: [] }, opts)).toBeNull();
    for (const id of [
      "sora-2",
      "openai/sora-2-pro",
      "google/veo-3",
      "kwaivgi/kling-v2.1",
      "wan-video/wan-2.2",
    ])
      expect(inferCapabilities(id), id).toEqual(["video.generate"]);
    expect(inferCapabilities("imagen-3")).toEqual(["image.generate"]);
    expect(inferCapabilities("black-forest-labs/FLUX.1-kontext-pro")).toEqual([
      "image.generate",
      "image.edit",
    ]);
  });

  it("openrouter: maps USD per-token prices to credits per 1K tokens, context and modalities", () => {
    const m = byId(openRouterImport.map(fixture("openrouter-models.json"), opts));
    const mini = m["openai/gpt-4o-mini"];
    expect(mini).toMatchObject({
      displayName: "OpenAI: GPT-4o-mini",
      family: "openai",
      contextWindow: 128000,
      capabilities: ["chat"],
      modalities: ["text", "image"],
    });
    // $0.15 / M input = 0.00015 $/K = 0.015 credits/K at 100 credits per USD.
    expect(mini.pricing).toEqual({ chat: { perKTokens: { input: 0.015, output: 0.06 } } });
    expect(pricingSchema.safeParse(mini.pricing).success).toBe(true);
    expect(m["meta-llama/llama-3.1-8b-instruct:free"].pricing).toEqual({
      chat: { perKTokens: { input: 0, output: 0 } },
    });
    expect(m["mystery/no-pricing"].pricing).toBeUndefined();
  });

  it("together: reads the bare array, maps type to capability and per-million prices", () => {
    const m = byId(togetherImport.map(fixture("together-models.json"), opts));
    expect(m["meta-llama/Llama-3.3-70B-Instruct-Turbo"]).toMatchObject({
      displayName: "Meta Llama 3.3 70B Instruct Turbo",
      family: "Meta",
      contextWindow: 131072,
      capabilities: ["chat"],
      pricing: { chat: { perKTokens: { input: 0.088, output: 0.088 } } },
    });
    expect(m["black-forest-labs/FLUX.1-schnell"]).toMatchObject({
      capabilities: ["image.generate"],
      modalities: ["image"],
    });
    expect(m["Qwen/Qwen2.5-Coder-32B-Instruct"].capabilities).toEqual(["chat"]);
    // $0.02 / M input tokens = 0.002 credits per 1K at 100 credits per USD.
    expect(m["BAAI/bge-large-en-v1.5"]).toMatchObject({
      capabilities: ["embedding"],
      pricing: { embedding: { perKTokens: { input: 0.002 } } },
    });
    expect(pricingSchema.safeParse(m["BAAI/bge-large-en-v1.5"].pricing).success).toBe(true);
    expect(togetherImport.map({ data: fixture("together-models.json") }, opts)).toHaveLength(4);
  });

  it("ollama: /v1/models first, /api/tags fallback derived from the baseURL", () => {
    expect(ollamaImport.urls("http://127.0.0.1:11434/v1")).toEqual([
      "http://127.0.0.1:11434/v1/models",
      "http://127.0.0.1:11434/api/tags",
    ]);
    expect(ollamaTagsUrl("https://gpu.lan/ollama/v1/")).toBe("https://gpu.lan/ollama/api/tags");
    const v1 = byId(ollamaImport.map(fixture("ollama-v1-models.json"), opts));
    expect(v1["llama3.2:latest"].capabilities).toEqual(["chat"]);
    expect(v1["nomic-embed-text:latest"].capabilities).toEqual(["embedding"]);
    const tags = byId(ollamaImport.map(fixture("ollama-tags.json"), opts));
    expect(tags["qwen2.5:7b"]).toMatchObject({
      family: "qwen2",
      capabilities: ["chat"],
      modalities: ["text"],
    });
    expect(tags["nomic-embed-text:latest"].capabilities).toEqual(["embedding"]);
    // An empty OpenAI list from an old server is not an answer: fall through to /api/tags.
    expect(ollamaImport.map({ object: "list", data: [] }, opts)).toBeNull();
  });
});
