import "server-only";
import { db } from "@/lib/db";
import { getCatalogVersion } from "./version";
import { type AiModelView, toModelView } from "./views";

// The catalogue clients see: enabled models of enabled providers, no provider secrets and no
// provider internals (baseURL, upstream name). Cached in process under the catalogue version,
// which is read from the database on every request so all instances agree.

export type PublicModel = Omit<
  AiModelView,
  "providerId" | "upstreamModel" | "enabled" | "createdAt" | "updatedAt" | "editedFields"
> & {
  providerName: string;
  created: number;
};
export type PublicCatalog = { items: PublicModel[]; version: string };

const g = globalThis as unknown as { __aigcCatalog?: PublicCatalog };

async function buildCatalog(version: string): Promise<PublicCatalog> {
  const rows = await db
    .selectFrom("ai_models")
    .innerJoin("providers", "providers.id", "ai_models.providerId")
    .selectAll("ai_models")
    .select(["providers.slug as providerSlug", "providers.name as providerName"])
    .where("ai_models.enabled", "=", 1)
    .where("providers.enabled", "=", 1)
    .orderBy("ai_models.sort")
    .orderBy("ai_models.slug")
    .execute();
  const items = rows.map((r) => {
    const {
      providerId: _p,
      upstreamModel: _u,
      enabled: _e,
      createdAt,
      updatedAt: _t,
      editedFields: _f,
      ...view
    } = toModelView(r, r.providerSlug);
    return {
      ...view,
      providerName: r.providerName,
      created: Math.floor(Date.parse(createdAt) / 1000),
    };
  });
  return { items, version };
}

export async function getPublicCatalog(): Promise<PublicCatalog> {
  const version = await getCatalogVersion();
  const cached = g.__aigcCatalog;
  if (cached && cached.version === version) return cached;
  const fresh = await buildCatalog(version);
  g.__aigcCatalog = fresh;
  return fresh;
}

/** True when an If-None-Match header names this ETag (weak or strong, lists, or *). */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((t) => {
    const tag = t.trim().replace(/^W\//, "");
    return tag === "*" || tag === etag;
  });
}
