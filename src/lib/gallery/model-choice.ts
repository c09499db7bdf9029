import "server-only";
import { db } from "@/lib/db";

// Which catalogue model stands behind a work: the one it was made with when that model is still
// enabled, else the first enabled model that can do the same job — and the page says which.

export type ModelRef = { slug: string; name: string };
export type ModelChoice = {
  /** What the work was made with. */
  requested: { slug: string | null; name: string };
  /** true when that very model can be used now. */
  available: boolean;
  /** The model 复用 opens /create with (the requested one, or its stand-in); null = none. */
  chosen: ModelRef | null;
};

export type Capability = "image.generate" | "video.generate";

async function enabledModels() {
  const rows = await db
    .selectFrom("ai_models")
    .innerJoin("providers", "providers.id", "ai_models.providerId")
    .select(["ai_models.slug", "ai_models.displayName", "ai_models.capabilities"])
    .where("ai_models.enabled", "=", 1)
    .where("providers.enabled", "=", 1)
    .orderBy("ai_models.sort")
    .orderBy("ai_models.slug")
    .execute();
  return rows.map((r) => ({
    slug: r.slug,
    name: r.displayName || r.slug,
    capabilities: (JSON.parse(r.capabilities) as string[]) ?? [],
  }));
}

export async function chooseModel(
  work: { modelSlug: string | null; modelTag: string },
  capability: Capability,
): Promise<ModelChoice> {
  const models = await enabledModels();
  const tag = work.modelTag.trim().toLowerCase();
  const same = models.find((m) =>
    work.modelSlug
      ? m.slug === work.modelSlug
      : m.slug.toLowerCase() === tag || m.name.toLowerCase() === tag,
  );
  const requested = { slug: work.modelSlug ?? same?.slug ?? null, name: work.modelTag };
  if (same && same.capabilities.includes(capability))
    return { requested, available: true, chosen: { slug: same.slug, name: same.name } };
  const standIn = models.find((m) => m.capabilities.includes(capability));
  return {
    requested,
    available: false,
    chosen: standIn ? { slug: standIn.slug, name: standIn.name } : null,
  };
}
