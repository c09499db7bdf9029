// Client-side view of the admin API shapes (contract §3, §4). Kept free of server imports so
// client components can use them.

export const PROVIDER_KINDS = ["openaiLike", "openrouter", "together", "ollama"] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

export const CAPABILITIES = ["chat", "image.generate", "image.edit"] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const CAPABILITY_LABEL: Record<Capability, string> = {
  chat: "对话",
  "image.generate": "图像生成",
  "image.edit": "图像编辑",
};

export const KIND_LABEL: Record<ProviderKind, string> = {
  openaiLike: "OpenAI 兼容",
  openrouter: "OpenRouter",
  together: "Together",
  ollama: "Ollama",
};

export type Provider = {
  id: string;
  slug: string;
  name: string;
  kind: ProviderKind;
  baseURL: string;
  extraHeaders: Record<string, string>;
  enabled: boolean;
  hasApiKey: boolean;
  apiKeyPreview: string | null;
  createdAt: string;
  updatedAt: string;
};

export type ChatPricing = {
  fixedCreditsPerCall?: number;
  perKTokens?: { input: number; output: number };
  minCredits?: number;
};

export type ImagePricing = {
  perImage: number;
  fixedCreditsPerCall?: number;
  sizeFactors?: Record<string, number>;
  qualityFactors?: Record<string, number>;
};

export type Rounding = "ceil" | "round" | "floor";

export type Pricing = {
  chat?: ChatPricing;
  "image.generate"?: ImagePricing;
  "image.edit"?: ImagePricing;
  rounding?: Rounding;
};

export type AiModel = {
  id: string;
  slug: string;
  displayName: string;
  providerId: string;
  upstreamModel: string;
  family: string;
  capabilities: Capability[];
  contextWindow: number;
  supportsStream: boolean;
  pricing: Pricing;
  rateLimit: { rpm?: number } | null;
  tags: string[];
  enabled: boolean;
  sort: number;
  createdAt: string;
  updatedAt: string;
};

export type ConnectionTest = { ok: boolean; latencyMs: number; modelCount?: number; error?: string };

export type ImportResult = { imported: number; updated: number; skipped: number; items: AiModel[] };

export type AuditItem = {
  id: string;
  actorEmail: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  diff: unknown;
  ip: string | null;
  createdAt: string;
};
