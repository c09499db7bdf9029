import "server-only";
import { sql } from "kysely";
import { db } from "@/lib/db";
import type { Operation } from "@/lib/operations/registry";

/**
 * The model a call uses when it names none (image tools, workflow steps): the first enabled model
 * of an enabled provider with the capability, by sort order then slug. Null when there is none.
 */
export async function defaultModelSlug(capability: Operation): Promise<string | null> {
  const row = await db
    .selectFrom("ai_models")
    .innerJoin("providers", "providers.id", "ai_models.providerId")
    .select("ai_models.slug")
    .where("ai_models.enabled", "=", 1)
    .where("providers.enabled", "=", 1)
    .where(sql<boolean>`"ai_models"."capabilities" like ${`%"${capability}"%`}`)
    .orderBy("ai_models.sort")
    .orderBy("ai_models.slug")
    .executeTakeFirst();
  return row?.slug ?? null;
}
