import "server-only";
import { db } from "@/lib/db";
import type { ProviderRow } from "@/lib/db/schema";
import { ApiError } from "@/lib/errors";
import { getCatalogVersion } from "./version";
import type { Operation } from "@/lib/operations/registry";
import { type AiModelView, toModelView } from "./views";
import { type ProviderView, toProviderView } from "./views";

type Resolved = { model: AiModelView; provider: ProviderView; providerRow: ProviderRow };

// resolveModel's lookups, cached in process under the catalog version: every catalog write bumps
// the version in its own transaction and every call reads it (one primary-key read), so a change
// made through any instance applies to the next call everywhere. Unknown slugs are cached too,
// bounded so that made-up names cannot grow the map.
const MAX_CACHED_SLUGS = 2000;
const g = globalThis as unknown as {
  __aigcResolved?: { version: string; bySlug: Map<string, Resolved | null> };
};

async function lookupModel(slug: string): Promise<Resolved | null> {
  const version = await getCatalogVersion();
  let cache = g.__aigcResolved;
  if (!cache || cache.version !== version)
    cache = g.__aigcResolved = { version, bySlug: new Map() };
  const hit = cache.bySlug.get(slug);
  if (hit !== undefined) return hit;
  const row = await db
    .selectFrom("ai_models")
    .innerJoin("providers", "providers.id", "ai_models.providerId")
    .selectAll("ai_models")
    .select([
      "providers.id as p_id",
      "providers.slug as p_slug",
      "providers.name as p_name",
      "providers.kind as p_kind",
      "providers.baseURL as p_baseURL",
      "providers.apiKeyEncrypted as p_apiKeyEncrypted",
      "providers.apiKeyPreview as p_apiKeyPreview",
      "providers.extraHeaders as p_extraHeaders",
      "providers.enabled as p_enabled",
      "providers.createdAt as p_createdAt",
      "providers.updatedAt as p_updatedAt",
    ])
    .where("ai_models.slug", "=", slug)
    .executeTakeFirst();
  let resolved: Resolved | null = null;
  if (row) {
    const providerRow: ProviderRow = {
      id: row.p_id,
      slug: row.p_slug,
      name: row.p_name,
      kind: row.p_kind,
      baseURL: row.p_baseURL,
      apiKeyEncrypted: row.p_apiKeyEncrypted,
      apiKeyPreview: row.p_apiKeyPreview,
      extraHeaders: row.p_extraHeaders,
      enabled: row.p_enabled,
      createdAt: row.p_createdAt,
      updatedAt: row.p_updatedAt,
    };
    resolved = {
      model: toModelView(row, row.p_slug),
      provider: toProviderView(providerRow),
      providerRow,
    };
  }
  if (cache.bySlug.size < MAX_CACHED_SLUGS) cache.bySlug.set(slug, resolved);
  return resolved;
}

/**
 * The whitelist check every AI call makes first. Unknown, disabled, provider-disabled, lacking the
 * operation, or not served by the requested provider: all the same 404, so callers learn nothing
 * about models they may not use. `providerRow` (encrypted key included) is for building the
 * provider's client and never leaves the server.
 */
export async function resolveModel(
  slug: string,
  operation: Operation,
  providerSlug?: string,
): Promise<Resolved> {
  const found = await lookupModel(slug);
  const ok =
    found &&
    found.model.enabled &&
    found.provider.enabled &&
    found.model.capabilities.includes(operation) &&
    (!providerSlug || providerSlug === found.provider.slug);
  if (!ok) {
    throw new ApiError("model_not_found", `模型 ${slug} 不存在、未启用或不支持 ${operation}`, {
      param: "model",
      provider: providerSlug,
    });
  }
  return found;
}
