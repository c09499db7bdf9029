import "server-only";
import { sql } from "kysely";
import { type AdminContext, changes, recordAudit } from "@/lib/audit";
import { db, nowIso } from "@/lib/db";
import type { AiModelRow, ProviderRow } from "@/lib/db/schema";
import { ApiError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { bumpCatalogVersion } from "@/lib/catalog/version";
import { type AiModelView, parseEditedFields, toModelView } from "@/lib/catalog/views";
import {
  CURATED_FIELDS,
  type ModelCreate,
  modelCreateSchema,
  type ModelFilter,
  type ModelUpdate,
  modelUpdateSchema,
} from "@/lib/catalog/model-schemas";
import { modalitiesFor } from "@/lib/providers/openai-compatible";

// The model library: CRUD, filters and bulk enable/disable. The whitelist check every AI call
// makes first lives in catalog/resolve.ts.

const withProvider = () =>
  db
    .selectFrom("ai_models")
    .innerJoin("providers", "providers.id", "ai_models.providerId")
    .selectAll("ai_models")
    .select("providers.slug as providerSlug");

const slugTaken = () => new ApiError("conflict", "该模型 slug 已被使用", { param: "slug" });
const isUniqueViolation = (err: unknown) =>
  ["23505", "SQLITE_CONSTRAINT_UNIQUE"].includes((err as { code?: string }).code ?? "");

export async function listModels(filter: ModelFilter = {}): Promise<AiModelView[]> {
  let q = withProvider();
  if (filter.providerId) q = q.where("ai_models.providerId", "=", filter.providerId);
  if (filter.enabled !== undefined) q = q.where("ai_models.enabled", "=", filter.enabled ? 1 : 0);
  // Capabilities are a JSON array of known names, so a quoted substring match is exact.
  if (filter.capability) q = q.where("ai_models.capabilities", "like", `%"${filter.capability}"%`);
  if (filter.q) {
    const like = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or(
        (["slug", "displayName", "upstreamModel", "family", "tags"] as const).map((col) =>
          eb(sql`lower(${sql.ref(`ai_models.${col}`)})`, "like", sql`${like} escape '\\'`),
        ),
      ),
    );
  }
  const rows = await q.orderBy("ai_models.sort").orderBy("ai_models.slug").execute();
  return rows.map((r) => toModelView(r, r.providerSlug));
}

export async function getModel(id: string): Promise<AiModelView> {
  const row = await withProvider().where("ai_models.id", "=", id).executeTakeFirst();
  if (!row) throw new ApiError("not_found", "模型不存在", { param: "id" });
  return toModelView(row, row.providerSlug);
}

async function providerOrThrow(providerId: string): Promise<ProviderRow> {
  const p = await db
    .selectFrom("providers")
    .selectAll()
    .where("id", "=", providerId)
    .executeTakeFirst();
  if (!p)
    throw new ApiError("invalid_request", "providerId 对应的 Provider 不存在", {
      param: "providerId",
    });
  return p;
}

export async function createModel(input: ModelCreate, ctx: AdminContext): Promise<AiModelView> {
  const data = modelCreateSchema.parse(input);
  const provider = await providerOrThrow(data.providerId);
  if (
    await db.selectFrom("ai_models").select("id").where("slug", "=", data.slug).executeTakeFirst()
  )
    throw slugTaken();
  const now = nowIso();
  const row: AiModelRow = {
    id: newId("mdl_"),
    slug: data.slug,
    displayName: data.displayName ?? data.slug,
    providerId: provider.id,
    upstreamModel: data.upstreamModel ?? data.slug,
    family: data.family ?? "",
    modalities: JSON.stringify(data.modalities ?? modalitiesFor(data.capabilities)),
    capabilities: JSON.stringify(data.capabilities),
    contextWindow: data.contextWindow ?? 8192,
    supportsStream: data.supportsStream === false ? 0 : 1,
    pricing: JSON.stringify(data.pricing ?? { rounding: "ceil" }),
    rateLimit: JSON.stringify(data.rateLimit ?? {}),
    tags: JSON.stringify(data.tags ?? []),
    enabled: data.enabled === false ? 0 : 1,
    sort: data.sort ?? 0,
    createdAt: now,
    updatedAt: now,
    // Written by an admin: everything curated is theirs.
    editedFields: JSON.stringify(CURATED_FIELDS),
  };
  const view = toModelView(row, provider.slug);
  try {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto("ai_models").values(row).execute();
      await bumpCatalogVersion(trx);
      await recordAudit(
        {
          ...ctx,
          action: "model.create",
          targetType: "ai_model",
          targetId: row.id,
          diff: { after: view },
        },
        trx,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw slugTaken();
    throw err;
  }
  return view;
}

export async function updateModel(
  id: string,
  input: ModelUpdate,
  ctx: AdminContext,
): Promise<AiModelView> {
  const patch = modelUpdateSchema.parse(input);
  const before = await getModel(id);
  const provider = patch.providerId ? await providerOrThrow(patch.providerId) : null;
  if (patch.slug && patch.slug !== before.slug) {
    if (
      await db
        .selectFrom("ai_models")
        .select("id")
        .where("slug", "=", patch.slug)
        .executeTakeFirst()
    )
      throw slugTaken();
  }
  const after: AiModelView = {
    ...before,
    ...patch,
    providerSlug: provider?.slug ?? before.providerSlug,
    updatedAt: nowIso(),
  } as AiModelView;
  // Curated fields this edit changed are the admin's from now on (a re-import keeps them).
  after.editedFields = CURATED_FIELDS.filter(
    (f) =>
      before.editedFields.includes(f) ||
      (f in patch && JSON.stringify(before[f]) !== JSON.stringify(after[f])),
  );
  const values = {
    slug: after.slug,
    displayName: after.displayName,
    providerId: after.providerId,
    upstreamModel: after.upstreamModel,
    family: after.family,
    modalities: JSON.stringify(after.modalities),
    capabilities: JSON.stringify(after.capabilities),
    contextWindow: after.contextWindow,
    supportsStream: after.supportsStream ? 1 : 0,
    pricing: JSON.stringify(after.pricing),
    rateLimit: JSON.stringify(after.rateLimit),
    tags: JSON.stringify(after.tags),
    enabled: after.enabled ? 1 : 0,
    sort: after.sort,
    updatedAt: after.updatedAt,
    editedFields: JSON.stringify(after.editedFields),
  };
  try {
    await db.transaction().execute(async (trx) => {
      await trx.updateTable("ai_models").set(values).where("id", "=", id).execute();
      await bumpCatalogVersion(trx);
      await recordAudit(
        {
          ...ctx,
          action: "model.update",
          targetType: "ai_model",
          targetId: id,
          diff: changes(before, after),
        },
        trx,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw slugTaken();
    throw err;
  }
  return after;
}

export async function deleteModel(id: string, ctx: AdminContext): Promise<void> {
  const before = await getModel(id);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("ai_models").where("id", "=", id).execute();
    await bumpCatalogVersion(trx);
    await recordAudit(
      { ...ctx, action: "model.delete", targetType: "ai_model", targetId: id, diff: { before } },
      trx,
    );
  });
}

/** Enables or disables many models at once; unknown ids are ignored and not counted. */
export async function bulkSetEnabled(
  ids: string[],
  enabled: boolean,
  ctx: AdminContext,
): Promise<{ updated: number }> {
  const unique = [...new Set(ids)];
  return db.transaction().execute(async (trx) => {
    const found = await trx
      .selectFrom("ai_models")
      .select(["id", "slug", "editedFields"])
      .where("id", "in", unique)
      .execute();
    if (!found.length) return { updated: 0 };
    const now = nowIso();
    for (const f of found) {
      const edited = new Set([...parseEditedFields(f.editedFields), "enabled" as const]);
      await trx
        .updateTable("ai_models")
        .set({
          enabled: enabled ? 1 : 0,
          updatedAt: now,
          editedFields: JSON.stringify(CURATED_FIELDS.filter((c) => edited.has(c))),
        })
        .where("id", "=", f.id)
        .execute();
    }
    await bumpCatalogVersion(trx);
    await recordAudit(
      {
        ...ctx,
        action: enabled ? "model.bulk_enable" : "model.bulk_disable",
        targetType: "ai_model",
        targetId: null,
        diff: { slugs: found.map((f) => f.slug), enabled },
      },
      trx,
    );
    return { updated: found.length };
  });
}
