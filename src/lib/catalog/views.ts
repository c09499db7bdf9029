import type { AiModelRow, ProviderRow } from "@/lib/db/schema";
import type { Capability } from "@/lib/operations/registry";
import { CURATED_FIELDS, type CuratedField, type RateLimit } from "./model-schemas";
import { parsePricing, type Pricing } from "@/lib/pricing/schema";
import type { ProviderKind } from "@/lib/providers/types";

// What the catalogue rows mean to the rest of the app: the model and provider views every layer
// speaks (admin API, resolve, public list). Pure mapping, no I/O; the provider view never carries
// the key, only whether there is one and its last characters.

export type AiModelView = {
  id: string;
  slug: string;
  displayName: string;
  providerId: string;
  providerSlug: string;
  upstreamModel: string;
  family: string;
  modalities: string[];
  capabilities: Capability[];
  contextWindow: number;
  supportsStream: boolean;
  pricing: Pricing;
  rateLimit: RateLimit;
  tags: string[];
  enabled: boolean;
  sort: number;
  createdAt: string;
  updatedAt: string;
  /** Curated fields an admin set by hand; a re-import keeps them. */
  editedFields: CuratedField[];
};

const parseJson = <T>(raw: string, fallback: T): T => {
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
};

export function parseEditedFields(raw: string | null | undefined): CuratedField[] {
  const list = parseJson<unknown>(raw ?? "[]", []);
  return CURATED_FIELDS.filter((f) => Array.isArray(list) && list.includes(f));
}

export function toModelView(row: AiModelRow, providerSlug: string): AiModelView {
  return {
    id: row.id,
    slug: row.slug,
    displayName: row.displayName,
    providerId: row.providerId,
    providerSlug,
    upstreamModel: row.upstreamModel,
    family: row.family,
    modalities: parseJson<string[]>(row.modalities, []),
    capabilities: parseJson<Capability[]>(row.capabilities, []),
    contextWindow: Number(row.contextWindow),
    supportsStream: Boolean(row.supportsStream),
    pricing: parsePricing(row.pricing),
    rateLimit: parseJson<RateLimit>(row.rateLimit, {}),
    tags: parseJson<string[]>(row.tags, []),
    enabled: Boolean(row.enabled),
    sort: Number(row.sort),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    editedFields: parseEditedFields(row.editedFields),
  };
}

export type ProviderView = {
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

export function toProviderView(row: ProviderRow): ProviderView {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    kind: row.kind as ProviderKind,
    baseURL: row.baseURL,
    extraHeaders: JSON.parse(row.extraHeaders || "{}") as Record<string, string>,
    enabled: Boolean(row.enabled),
    hasApiKey: Boolean(row.apiKeyEncrypted),
    apiKeyPreview: row.apiKeyEncrypted ? row.apiKeyPreview : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
