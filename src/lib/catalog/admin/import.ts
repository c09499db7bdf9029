import "server-only";
import { recordAudit, type AdminContext } from "@/lib/audit";
import { db, nowIso } from "@/lib/db";
import type { AiModelRow } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { bumpCatalogVersion } from "@/lib/catalog/version";
import { type ModelImport, modelImportSchema, modelSlugSchema } from "@/lib/catalog/model-schemas";
import { type AiModelView, toModelView } from "@/lib/catalog/views";
import { type Pricing, type PricingInput, pricingSchema } from "@/lib/pricing/schema";
import { getJson, providerAccess } from "@/lib/providers/access";
import { IMPORT_STRATEGIES } from "@/lib/providers/registry";
import { getProviderRow } from "./providers";
import type { ImportedModel, ImportStrategy } from "@/lib/providers/types";

// Import a provider's catalogue into the model library. Re-importing updates the rows it made
// before (matched on providerId + upstreamModel) and never duplicates them. New models start
// disabled unless `defaults.enabled` says otherwise, so nothing unpriced goes live by accident.

export type ImportResult = {
  imported: number;
  updated: number;
  skipped: number;
  items: AiModelView[];
};
type Defaults = NonNullable<ReturnType<typeof modelImportSchema.parse>["defaults"]>;

const IMPORT_TIMEOUT_MS = 15_000;

async function fetchCatalogue(
  strategy: ImportStrategy,
  access: ReturnType<typeof providerAccess>,
): Promise<ImportedModel[]> {
  let lastError = "返回内容不是模型列表";
  for (const url of strategy.urls(access.baseURL)) {
    try {
      const mapped = strategy.map(
        await getJson(access, url, Math.min(env.AI_TIMEOUT_MS, IMPORT_TIMEOUT_MS)),
        { creditsPerUsd: env.CREDITS_PER_USD },
      );
      if (mapped) return mapped;
    } catch (err) {
      lastError = (err as Error).message;
    }
  }
  throw new ApiError("upstream_error", `拉取模型列表失败：${lastError}`, { provider: access.slug });
}

/** Upstream prices fill in what the admin's batch defaults leave open; defaults win per field. */
export function mergePricing(
  base: Pricing | PricingInput | undefined,
  upstream: PricingInput | undefined,
  defaults: PricingInput | undefined,
): Pricing {
  const out: Record<string, unknown> = { ...base };
  for (const layer of [upstream, defaults]) {
    if (!layer) continue;
    for (const [key, value] of Object.entries(layer)) {
      out[key] =
        value && typeof value === "object"
          ? { ...(out[key] as object | undefined), ...value }
          : value;
    }
  }
  return pricingSchema.parse(out);
}

/** A valid, free slug: the upstream id, else {providerSlug}/{id}, else that with a numeric suffix. */
function pickSlug(upstream: string, providerSlug: string, taken: Set<string>): string {
  const clean =
    upstream
      .replace(/[^A-Za-z0-9._:/@+-]/g, "-")
      .replace(/^[^A-Za-z0-9]+/, "")
      .slice(0, 180) || "model";
  const candidates = [clean, `${providerSlug}/${clean}`];
  for (let i = 2; i < 1000; i++) candidates.push(`${providerSlug}/${clean}-${i}`);
  const slug = candidates.find((c) => modelSlugSchema.safeParse(c).success && !taken.has(c))!;
  taken.add(slug);
  return slug;
}

function rowFor(
  entry: ImportedModel,
  providerId: string,
  slug: string,
  defaults: Defaults,
  pricing: Pricing,
  sort: number,
): AiModelRow {
  const now = nowIso();
  return {
    id: newId("mdl_"),
    slug,
    displayName: entry.displayName.slice(0, 200),
    providerId,
    upstreamModel: entry.upstreamModel,
    family: entry.family.slice(0, 100),
    modalities: JSON.stringify(entry.modalities),
    capabilities: JSON.stringify(defaults.capabilities ?? entry.capabilities),
    contextWindow: entry.contextWindow ?? 8192,
    supportsStream: 1,
    pricing: JSON.stringify(pricing),
    rateLimit: "{}",
    tags: JSON.stringify(defaults.tags ?? []),
    enabled: defaults.enabled ? 1 : 0,
    sort,
    createdAt: now,
    updatedAt: now,
  };
}

export async function importModelsFromProvider(
  input: ModelImport,
  ctx: AdminContext,
): Promise<ImportResult> {
  const { providerId, strategy, defaults = {} } = modelImportSchema.parse(input);
  const provider = await getProviderRow(providerId);
  const catalogue = await fetchCatalogue(IMPORT_STRATEGIES[strategy], providerAccess(provider));

  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom("ai_models")
      .selectAll()
      .where("providerId", "=", provider.id)
      .execute();
    const byUpstream = new Map(existing.map((r) => [r.upstreamModel, r]));
    const taken = new Set(
      (await trx.selectFrom("ai_models").select("slug").execute()).map((r) => r.slug),
    );
    const seen = new Set<string>();
    const result: ImportResult = { imported: 0, updated: 0, skipped: 0, items: [] };
    const importedSlugs: string[] = [];
    const maxSort = existing.reduce((m, r) => Math.max(m, Number(r.sort)), 0);

    for (const entry of catalogue) {
      // Duplicates in one answer, and models with nothing this app can call (transcription,
      // moderation, reranking…).
      if (seen.has(entry.upstreamModel) || !entry.capabilities.length) {
        result.skipped++;
        continue;
      }
      seen.add(entry.upstreamModel);
      const current = byUpstream.get(entry.upstreamModel);
      let pricing: Pricing;
      try {
        pricing = mergePricing(
          current ? JSON.parse(current.pricing) : undefined,
          entry.pricing,
          defaults.pricing,
        );
      } catch {
        result.skipped++;
        continue;
      }
      if (!current) {
        const row = rowFor(
          entry,
          provider.id,
          pickSlug(entry.upstreamModel, provider.slug, taken),
          defaults,
          pricing,
          maxSort + 10 * (result.imported + 1),
        );
        await trx.insertInto("ai_models").values(row).execute();
        result.imported++;
        importedSlugs.push(row.slug);
        result.items.push(toModelView(row, provider.slug));
        continue;
      }
      const tags = defaults.tags
        ? [...new Set([...(JSON.parse(current.tags) as string[]), ...defaults.tags])].slice(0, 20)
        : JSON.parse(current.tags);
      const next: AiModelRow = {
        ...current,
        displayName: entry.displayName.slice(0, 200),
        family: entry.family.slice(0, 100) || current.family,
        modalities: JSON.stringify(
          entry.modalities.length ? entry.modalities : JSON.parse(current.modalities),
        ),
        // The admin's own capability edits survive a re-import unless the batch sets them.
        capabilities: defaults.capabilities
          ? JSON.stringify(defaults.capabilities)
          : current.capabilities,
        contextWindow: entry.contextWindow ?? current.contextWindow,
        pricing: JSON.stringify(pricing),
        tags: JSON.stringify(tags),
        enabled: defaults.enabled === undefined ? current.enabled : defaults.enabled ? 1 : 0,
        updatedAt: nowIso(),
      };
      const { id, createdAt: _c, ...values } = next;
      await trx.updateTable("ai_models").set(values).where("id", "=", id).execute();
      result.updated++;
      result.items.push(toModelView(next, provider.slug));
    }
    await bumpCatalogVersion(trx);
    await recordAudit(
      {
        ...ctx,
        action: "model.import",
        targetType: "provider",
        targetId: provider.id,
        diff: {
          strategy,
          defaults,
          imported: importedSlugs,
          updated: result.updated,
          skipped: result.skipped,
        },
      },
      trx,
    );
    return result;
  });
}
