import "server-only";
import { bumpCatalogVersion } from "@/lib/catalog/version";
import { type AdminContext, changes, recordAudit } from "@/lib/audit";
import { encryptSecret } from "@/lib/crypto";
import { db, nowIso } from "@/lib/db";
import type { ProviderRow } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { getJson, providerAccess } from "@/lib/providers/access";
import { joinUrl } from "@/lib/providers/openai-compatible";
import { adapterFor } from "@/lib/providers/registry";
import {
  type ProviderCreate,
  providerCreateSchema,
  type ProviderUpdate,
  providerUpdateSchema,
} from "@/lib/catalog/provider-schemas";
import { type ProviderView, toProviderView } from "@/lib/catalog/views";

// Provider CRUD. The key is write-only: it goes in encrypted and comes out only as
// `hasApiKey` + `apiKeyPreview` (its last ≤ 4 characters).

export type ConnectionTestResult = {
  ok: boolean;
  latencyMs: number;
  modelCount?: number;
  error?: string;
};

// Short keys show fewer characters so that the preview never reveals most of a key.
const preview = (key: string) => key.slice(-Math.min(4, Math.floor(key.length / 3)));

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE";
}
const slugTaken = () =>
  new ApiError("conflict", "该 slug 已被其他 Provider 使用", { param: "slug" });

export async function listProviders(): Promise<ProviderView[]> {
  const rows = await db
    .selectFrom("providers")
    .selectAll()
    .orderBy("createdAt")
    .orderBy("id")
    .execute();
  return rows.map(toProviderView);
}

export async function getProviderRow(id: string): Promise<ProviderRow> {
  const row = await db.selectFrom("providers").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new ApiError("not_found", "Provider 不存在", { param: "id" });
  return row;
}

export async function getProviderBySlug(slug: string): Promise<ProviderRow | undefined> {
  return db.selectFrom("providers").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export async function createProvider(
  input: ProviderCreate,
  ctx: AdminContext,
): Promise<ProviderView> {
  const data = providerCreateSchema.parse(input);
  if (await getProviderBySlug(data.slug)) throw slugTaken();
  const now = nowIso();
  const row: ProviderRow = {
    id: newId("prv_"),
    slug: data.slug,
    name: data.name,
    kind: data.kind,
    baseURL: data.baseURL,
    apiKeyEncrypted: data.apiKey ? encryptSecret(data.apiKey) : null,
    apiKeyPreview: data.apiKey ? preview(data.apiKey) : null,
    extraHeaders: JSON.stringify(data.extraHeaders),
    enabled: data.enabled ? 1 : 0,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto("providers").values(row).execute();
      await bumpCatalogVersion(trx);
      await recordAudit(
        {
          ...ctx,
          action: "provider.create",
          targetType: "provider",
          targetId: row.id,
          diff: { after: toProviderView(row) },
        },
        trx,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw slugTaken();
    throw err;
  }
  return toProviderView(row);
}

export async function updateProvider(
  id: string,
  input: ProviderUpdate,
  ctx: AdminContext,
): Promise<ProviderView> {
  const patch = providerUpdateSchema.parse(input);
  const before = await getProviderRow(id);
  if (patch.slug && patch.slug !== before.slug && (await getProviderBySlug(patch.slug)))
    throw slugTaken();
  const after: ProviderRow = {
    ...before,
    slug: patch.slug ?? before.slug,
    name: patch.name ?? before.name,
    kind: patch.kind ?? before.kind,
    baseURL: patch.baseURL ?? before.baseURL,
    extraHeaders: patch.extraHeaders ? JSON.stringify(patch.extraHeaders) : before.extraHeaders,
    enabled: patch.enabled === undefined ? before.enabled : patch.enabled ? 1 : 0,
    updatedAt: nowIso(),
  };
  if (patch.apiKey !== undefined) {
    after.apiKeyEncrypted = patch.apiKey ? encryptSecret(patch.apiKey) : null;
    after.apiKeyPreview = patch.apiKey ? preview(patch.apiKey) : null;
  }
  const diff = changes(toProviderView(before), toProviderView(after));
  // The key itself never enters the diff; the audit row only says that it changed.
  const auditDiff =
    patch.apiKey === undefined
      ? diff
      : { ...diff, apiKey: patch.apiKey ? "[redacted]" : "removed" };
  try {
    await db.transaction().execute(async (trx) => {
      const { id: _id, createdAt: _c, ...values } = after;
      await trx.updateTable("providers").set(values).where("id", "=", id).execute();
      await bumpCatalogVersion(trx);
      await recordAudit(
        {
          ...ctx,
          action: "provider.update",
          targetType: "provider",
          targetId: id,
          diff: auditDiff,
        },
        trx,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw slugTaken();
    throw err;
  }
  return toProviderView(after);
}

/** Deletes the provider and, by cascade, its models. */
export async function deleteProvider(id: string, ctx: AdminContext): Promise<void> {
  const before = await getProviderRow(id);
  await db.transaction().execute(async (trx) => {
    const models = await trx
      .selectFrom("ai_models")
      .select("slug")
      .where("providerId", "=", id)
      .execute();
    await trx.deleteFrom("ai_models").where("providerId", "=", id).execute();
    await trx.deleteFrom("providers").where("id", "=", id).execute();
    await bumpCatalogVersion(trx);
    await recordAudit(
      {
        ...ctx,
        action: "provider.delete",
        targetType: "provider",
        targetId: id,
        diff: { before: toProviderView(before), deletedModels: models.map((m) => m.slug) },
      },
      trx,
    );
  });
}

/** GET {baseURL}/models with a short timeout; failures come back as a clean `error`, not a throw. */
export async function testProviderConnection(id: string): Promise<ConnectionTestResult> {
  const row = await getProviderRow(id);
  const started = performance.now();
  const timeoutMs = Math.min(env.AI_TIMEOUT_MS, 10_000);
  try {
    const testPath = adapterFor(row.kind).testPath ?? "models";
    const json = await getJson(providerAccess(row), joinUrl(row.baseURL, testPath), timeoutMs);
    const list = Array.isArray(json) ? json : (json as { data?: unknown })?.data;
    return {
      ok: true,
      latencyMs: Math.round(performance.now() - started),
      ...(Array.isArray(list) ? { modelCount: list.length } : {}),
    };
  } catch (err) {
    return {
      ok: false,
      latencyMs: Math.round(performance.now() - started),
      error: (err as Error).message,
    };
  }
}
