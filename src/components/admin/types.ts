// The admin page speaks exactly the admin API's shapes: the types come from the ai library
// (type-only imports, erased from the client bundle; the zod schemas they derive from are shared).
import type { AuditLog } from "@/lib/audit";
import type { AiModelView, ProviderView } from "@/lib/catalog/views";
import type { ConnectionTestResult } from "@/lib/catalog/admin/providers";
import { PROVIDER_KIND_INFO, type ImportStrategy, type ProviderKind } from "@/lib/providers/types";

import { OPERATIONS, type Capability } from "@/lib/operations/registry";
export { CAPABILITIES, type Capability } from "@/lib/operations/registry";
export { PROVIDER_KINDS, type ProviderKind } from "@/lib/providers/types";
export type {
  ChatPricing,
  EmbeddingPricing,
  SpeechPricing,
  ImagePricing,
  Pricing,
  PricingInput,
  Rounding,
  ToolPricing,
  VideoPricing,
} from "@/lib/pricing/schema";

export type Provider = ProviderView;
export type AiModel = AiModelView;
export type ConnectionTest = ConnectionTestResult;
export type AuditItem = AuditLog;
export type ImportStrategyName = ImportStrategy["name"];
export type ImportChange = {
  slug: string;
  changed: Record<string, { before: unknown; after: unknown }>;
  kept: string[];
};
export type ImportResult = {
  imported: number;
  updated: number;
  skipped: number;
  items: AiModel[];
  changes: ImportChange[];
};

/** Model fields as the admin reads them (import change lists). */
export const MODEL_FIELD_LABEL: Record<string, string> = {
  displayName: "名称",
  pricing: "定价",
  tags: "标签",
  enabled: "启用状态",
  family: "系列",
  modalities: "模态",
  capabilities: "能力",
  contextWindow: "上下文窗口",
};

export const IMPORT_STRATEGIES: ImportStrategyName[] = [
  "openaiLike",
  "openrouter",
  "together",
  "ollama",
];

export const CAPABILITY_LABEL = Object.fromEntries(
  Object.entries(OPERATIONS).map(([id, op]) => [id, op.capabilityLabel]),
) as Record<Capability, string>;

export const KIND_LABEL = Object.fromEntries(
  Object.entries(PROVIDER_KIND_INFO).map(([k, v]) => [k, v.label]),
) as Record<ProviderKind, string>;
export const KIND_BASE_URL = Object.fromEntries(
  Object.entries(PROVIDER_KIND_INFO).map(([k, v]) => [k, v.defaultBaseURL]),
) as Record<ProviderKind, string>;
