import type { PricingInput } from "@/lib/pricing/schema";
import type { TaskAdapter } from "./task-types";
import type { ToolAdapter } from "./tool-types";
import type { Capability } from "@/lib/operations/registry";

export const PROVIDER_KINDS = [
  "openaiLike",
  "openrouter",
  "together",
  "ollama",
  "replicate",
  "kie",
  "stability",
  "mock",
] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** Labels and suggested base URLs per kind, for forms (safe to import in client components). */
export const PROVIDER_KIND_INFO: Record<ProviderKind, { label: string; defaultBaseURL: string }> = {
  openaiLike: { label: "OpenAI 兼容", defaultBaseURL: "https://api.openai.com/v1" },
  openrouter: { label: "OpenRouter", defaultBaseURL: "https://openrouter.ai/api/v1" },
  together: { label: "Together", defaultBaseURL: "https://api.together.xyz/v1" },
  ollama: { label: "Ollama", defaultBaseURL: "http://127.0.0.1:11434/v1" },
  replicate: { label: "Replicate", defaultBaseURL: "https://api.replicate.com/v1" },
  kie: { label: "Kie（createTask / recordInfo）", defaultBaseURL: "https://api.kie.ai/api/v1" },
  stability: {
    label: "Stability AI（v2beta 图像工具）",
    defaultBaseURL: "https://api.stability.ai",
  },
  mock: { label: "内置模拟", defaultBaseURL: "http://mock.internal/v1" },
};

/**
 * A provider kind: how the app reaches it. OpenAI-compatible kinds share one base and differ
 * only in data; a kind that is not reached over the network (the built-in mock) supplies its
 * own `fetch`, so the SDK and every service run the same code path for all kinds.
 */
export interface ProviderAdapter {
  kind: ProviderKind;
  label: string;
  fetch: typeof fetch;
  /** Sent on every call, under the admin's extraHeaders. */
  defaultHeaders: Record<string, string>;
  /** Suggested baseURL for the admin form. */
  defaultBaseURL: string;
  /** Answered in process (the mock), not over the network. */
  local?: boolean;
  /** Task operations (videos, job-based image APIs), when the kind has them. */
  tasks?: TaskAdapter;
  /** Image tools (upscale, outpaint, background) answered at once, when the kind has them. */
  tools?: ToolAdapter;
  /** What the connection test GETs, relative to baseURL (default "models"). */
  testPath?: string;
}

/** One model as an import strategy read it from a provider's catalogue. */
export type ImportedModel = {
  upstreamModel: string;
  displayName: string;
  family: string;
  capabilities: Capability[];
  modalities: string[];
  contextWindow?: number;
  pricing?: PricingInput;
};

/** Reads a provider's model catalogue: which URLs to try, in order, and how to map the answer. */
export interface ImportStrategy {
  name: "openaiLike" | "openrouter" | "together" | "ollama";
  urls: (baseURL: string) => string[];
  /** null = this answer is not in the expected shape (try the next URL). */
  map: (json: unknown, opts: { creditsPerUsd: number }) => ImportedModel[] | null;
}
