import "server-only";
import { recordAudit, type AdminContext } from "@/lib/audit";
import { db, nowIso } from "@/lib/db";
import type { AiModelRow } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { bumpCatalogVersion } from "@/lib/catalog/version";
import {
  CURATED_FIELDS,
  type CuratedField,
  type ModelImport,
  modelImportSchema,
  modelSlugSchema,
} from "@/lib/catalog/model-schemas";
import { type AiModelView, parseEditedFields, toModelView } from "@/lib/catalog/views";
import { type Pricing, type PricingInput, pricingSchema } from "@/lib/pricing/schema";
import { getJson, providerAccess } from "@/lib/providers/access";
import { IMPORT_STRATEGIES } from "@/lib/providers/registry";
import { getProviderRow } from "./providers";
import type { ImportedModel, ImportStrategy } from "@/lib/providers/types";

// Import a provider's catalogue into the model library. Re-importing updates the rows it made
// before (matched on providerId + upstreamModel) and never duplicates them; curated fields an
// admin set by hand (name, pricing, tags, enabled) are kept unless the import is asked to
// overwrite, and the audit row lists, per model, what changed and what was kept. New models start
// disabled unless `defaults.enabled` says otherwise, so nothing unpriced goes live by accident.

/** What a re-import changed on one model, and what it kept because an admin had set it. */
export type ModelChange = {
  slug: string;
  changed: Record<string, { before: unknown; after: unknown }>;
  kept: CuratedField[];
};

export type ImportResult = {
  imported: number;
  /** Existing models the import matched (changed or not). */
  updated: number;
  skipped: number;
  items: AiModelView[];
  /** Per matched model with something changed or kept: the fields and values. */
  changes: ModelChange[];
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
    editedFields: "[]",
  };
}

// Fields of a model row compared (and reported) when a re-import updates it.
const SYNCED = [
  "displayName",
  "family",
  "modalities",
  "capabilities",
  "contextWindow",
  "pricing",
  "tags",
  "enabled",
] as const;
const CURATED = new Set<string>(CURATED_FIELDS);
const JSON_TEXT = new Set<string>(["modalities", "capabilities", "pricing", "tags"]);

/** A synced field as the admin API shows it (JSON text parsed, 0/1 as a boolean). */
const shown = (row: AiModelRow, f: (typeof SYNCED)[number]): unknown =>
  JSON_TEXT.has(f) ? JSON.parse(String(row[f])) : f === "enabled" ? Boolean(row[f]) : row[f];

/** JSON with object keys sorted, so equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/**
 * The row a re-import makes of an existing model: upstream facts refreshed, curated fields an
 * admin set by hand kept (unless `overwrite`), and what changed or was kept, for the audit.
 */
function reimportRow(
  current: AiModelRow,
  entry: ImportedModel,
  defaults: Defaults,
  pricing: Pricing,
  overwrite: boolean,
): { next: AiModelRow; change: ModelChange } {
  const tags = defaults.tags
    ? [...new Set([...(JSON.parse(current.tags) as string[]), ...defaults.tags])].slice(0, 20)
    : JSON.parse(current.tags);
  const proposed: AiModelRow = {
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
    // Overwriting hands the curated fields back to the import.
    editedFields: overwrite ? "[]" : current.editedFields,
  };
  const edited = new Set<string>(overwrite ? [] : parseEditedFields(current.editedFields));
  const next = { ...proposed };
  const change: ModelChange = { slug: current.slug, changed: {}, kept: [] };
  for (const f of SYNCED) {
    const before = shown(current, f);
    const after = shown(proposed, f);
    if (canonical(before) === canonical(after)) continue;
    if (CURATED.has(f) && edited.has(f)) {
      (next as Record<string, unknown>)[f] = current[f];
      change.kept.push(f as CuratedField);
      continue;
    }
    change.changed[f] = { before, after };
  }
  return { next, change };
}

export async function importModelsFromProvider(
  input: ModelImport,
  ctx: AdminContext,
): Promise<ImportResult> {
  const { providerId, strategy, defaults = {}, overwrite = false } = modelImportSchema.parse(input);
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
    const result: ImportResult = { imported: 0, updated: 0, skipped: 0, items: [], changes: [] };
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
      const { next, change } = reimportRow(current, entry, defaults, pricing, overwrite);
      if (Object.keys(change.changed).length || change.kept.length) result.changes.push(change);
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
          overwrite,
          imported: importedSlugs,
          updated: result.updated,
          changes: result.changes,
          skipped: result.skipped,
        },
      },
      trx,
    );
    return result;
  });
}
