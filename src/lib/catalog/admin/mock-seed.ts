import "server-only";
import { recordAudit } from "@/lib/audit";
import { db, nowIso } from "@/lib/db";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";
import { bumpCatalogVersion } from "@/lib/catalog/version";
import { CURATED_FIELDS } from "@/lib/catalog/model-schemas";
import { pricingSchema } from "@/lib/pricing/schema";
import { MOCK_MODELS, MOCK_PROVIDER } from "@/lib/providers/mock/catalog";

/**
 * Seeds the built-in mock provider and its models when the library is empty (first run) or when
 * MOCK_AI=1. Only adds what is missing: an admin's edits to the mock survive restarts.
 */
export async function seedMockProvider(): Promise<number> {
  const anyProvider = await db.selectFrom("providers").select("id").limit(1).executeTakeFirst();
  if (anyProvider && !env.MOCK_AI) return 0;
  try {
    return await db.transaction().execute(async (trx) => {
      const now = nowIso();
      let provider = await trx
        .selectFrom("providers")
        .select("id")
        .where("slug", "=", MOCK_PROVIDER.slug)
        .executeTakeFirst();
      if (!provider) {
        provider = { id: newId("prv_") };
        await trx
          .insertInto("providers")
          .values({
            ...MOCK_PROVIDER,
            id: provider.id,
            apiKeyEncrypted: null,
            apiKeyPreview: null,
            extraHeaders: "{}",
            enabled: 1,
            createdAt: now,
            updatedAt: now,
          })
          .execute();
      }
      let added = 0;
      for (const m of MOCK_MODELS) {
        const taken = await trx
          .selectFrom("ai_models")
          .select("id")
          .where("slug", "=", m.slug)
          .executeTakeFirst();
        if (taken) continue;
        await trx
          .insertInto("ai_models")
          .values({
            id: newId("mdl_"),
            slug: m.slug,
            displayName: m.displayName,
            providerId: provider.id,
            upstreamModel: m.slug,
            family: m.family,
            modalities: JSON.stringify(m.modalities),
            capabilities: JSON.stringify(m.capabilities),
            contextWindow: m.contextWindow,
            supportsStream: 1,
            pricing: JSON.stringify(pricingSchema.parse(m.pricing)),
            rateLimit: "{}",
            tags: JSON.stringify(m.tags),
            enabled: 1,
            sort: m.sort,
            createdAt: now,
            updatedAt: now,
            // Curated names and prices: a re-import from the mock keeps them.
            editedFields: JSON.stringify(CURATED_FIELDS),
          })
          .execute();
        added++;
      }
      if (added) {
        await bumpCatalogVersion(trx);
        await recordAudit(
          {
            actor: null,
            action: "provider.seed_mock",
            targetType: "provider",
            targetId: provider.id,
            diff: { models: added },
            ip: null,
          },
          trx,
        );
      }
      return added;
    });
  } catch (err) {
    // Another instance booting at the same moment seeded it first.
    if (["23505", "SQLITE_CONSTRAINT_UNIQUE"].includes((err as { code?: string }).code ?? ""))
      return 0;
    throw err;
  }
}
