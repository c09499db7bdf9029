import type { Capability } from "@/lib/operations/registry";
import type { PricingInput } from "@/lib/pricing/schema";
import { PROVIDER_KIND_INFO } from "../types";

// The built-in mock provider and its models, seeded on first run (and with MOCK_AI=1) so a fresh
// install works end to end with no key and no network.

export const MOCK_PROVIDER = {
  slug: "mock",
  name: "内置模拟服务",
  kind: "mock" as const,
  // Never dialled: the mock kind's fetch answers in process. Kept URL-shaped for the SDK.
  baseURL: PROVIDER_KIND_INFO.mock.defaultBaseURL,
};

export type MockModelSeed = {
  slug: string;
  displayName: string;
  family: string;
  capabilities: Capability[];
  modalities: string[];
  contextWindow: number;
  pricing: PricingInput;
  tags: string[];
  sort: number;
};

const imagePrice = {
  perImage: 5,
  sizeFactors: { "1024x1024": 1, "1792x1024": 2, "1024x1792": 2 },
  qualityFactors: { standard: 1, hd: 2 },
};

export const MOCK_MODELS: MockModelSeed[] = [
  {
    slug: "mock-chat",
    displayName: "Mock Chat",
    family: "mock",
    capabilities: ["chat"],
    modalities: ["text"],
    contextWindow: 8192,
    pricing: { chat: { perKTokens: { input: 1, output: 2 }, minCredits: 1 } },
    tags: ["文本", "模拟"],
    sort: 10,
  },
  {
    slug: "mock-chat-pro",
    displayName: "Mock Chat Pro",
    family: "mock",
    capabilities: ["chat"],
    modalities: ["text"],
    contextWindow: 32768,
    pricing: {
      chat: { fixedCreditsPerCall: 1, perKTokens: { input: 4, output: 8 }, minCredits: 2 },
    },
    tags: ["文本", "模拟", "长上下文"],
    sort: 20,
  },
  {
    slug: "mock-image",
    displayName: "Mock Image",
    family: "mock",
    capabilities: ["image.generate", "image.edit"],
    modalities: ["image"],
    contextWindow: 4096,
    pricing: { "image.generate": imagePrice, "image.edit": imagePrice },
    tags: ["图像", "模拟"],
    sort: 30,
  },
  {
    slug: "mock-embedding",
    displayName: "Mock Embedding",
    family: "mock",
    capabilities: ["embedding"],
    modalities: ["text"],
    contextWindow: 8192,
    pricing: { embedding: { perKTokens: { input: 1 }, minCredits: 1 } },
    tags: ["向量", "模拟"],
    sort: 40,
  },
  {
    slug: "mock-tts",
    displayName: "Mock TTS",
    family: "mock",
    capabilities: ["audio.speech"],
    modalities: ["audio"],
    contextWindow: 4096,
    pricing: { "audio.speech": { perKChars: 10, minCredits: 1 } },
    tags: ["语音", "模拟"],
    sort: 50,
  },
  {
    slug: "mock-video",
    displayName: "Mock Video",
    family: "mock",
    capabilities: ["video.generate"],
    modalities: ["video"],
    contextWindow: 4096,
    // 4 s at 720x1280 = 8 credits; the large sizes cost double.
    pricing: {
      "video.generate": { perSecond: 2, sizeFactors: { "1024x1792": 2, "1792x1024": 2 } },
    },
    tags: ["视频", "模拟"],
    sort: 60,
  },
  {
    slug: "mock-image-tools",
    displayName: "Mock Image Tools",
    family: "mock",
    capabilities: ["image.upscale", "image.outpaint", "image.background"],
    modalities: ["image"],
    contextWindow: 4096,
    // By the output's megapixels: 2 credits/MP to upscale (4× pays 1.5×), 3/MP to outpaint (up to
    // 1.5× with creativity 1), 2/MP for backgrounds (a replacement pays 1.5×); at least 1 credit.
    pricing: {
      "image.upscale": { perMegapixel: 2, scaleFactors: { "2": 1, "4": 1.5 }, minCredits: 1 },
      "image.outpaint": { perMegapixel: 3, creativityFactor: 0.5, minCredits: 1 },
      "image.background": {
        perMegapixel: 2,
        modeFactors: { remove: 1, replace: 1.5 },
        minCredits: 1,
      },
    },
    tags: ["图像", "工具", "模拟"],
    sort: 70,
  },
];
