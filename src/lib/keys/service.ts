import "server-only";
import type { Transaction } from "kysely";
import { type AuditActor, changes, recordAudit } from "@/lib/audit";
import { db, nowIso } from "@/lib/db";
import type { ApiKeyRow, Database, UserRow } from "@/lib/db/schema";
import { ApiError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { now } from "@/lib/time/clock";
import { generateKey } from "./material";
import {
  type ApiKeyView,
  type CreateKeyInput,
  MAX_KEYS_PER_USER,
  type UpdateKeyInput,
} from "./schemas";
import { toKeyView } from "./views";

// A user's own keys: list, create (the full key is in that one answer only), change, revoke.
// Every write leaves an audit row with the owner as actor and the key's display form only.

export type KeyContext = { user: UserRow; ip: string | null };

const actor = (user: UserRow): AuditActor => ({ id: user.id, email: user.email });

export async function listKeys(userId: string): Promise<ApiKeyView[]> {
  const rows = await db
    .selectFrom("api_keys")
    .selectAll()
    .where("userId", "=", userId)
    .orderBy("createdAt", "desc")
    .orderBy("id", "desc")
    .execute();
  const at = now();
  return rows.map((r) => toKeyView(r, at));
}

/** The key, if it is the caller's; 404 for anyone else's (they learn nothing about it). */
async function ownKeyOrThrow(userId: string, id: string): Promise<ApiKeyRow> {
  const row = await db
    .selectFrom("api_keys")
    .selectAll()
    .where("id", "=", id)
    .where("userId", "=", userId)
    .executeTakeFirst();
  if (!row) throw new ApiError("not_found", "密钥不存在");
  return row;
}

/** Unknown model slugs are refused, so a typo does not silently lock a key out of everything. */
async function assertModelsExist(slugs: string[]): Promise<void> {
  if (!slugs.length) return;
  const found = await db
    .selectFrom("ai_models")
    .select("slug")
    .where("slug", "in", slugs)
    .execute();
  const known = new Set(found.map((r) => r.slug));
  const missing = slugs.find((s) => !known.has(s));
  if (missing)
    throw new ApiError("invalid_request", `模型 ${missing} 不存在`, { param: "allowedModels" });
}

function assertFuture(expiresAt: string | null | undefined): void {
  if (expiresAt && Date.parse(expiresAt) <= now())
    throw new ApiError("invalid_request", "过期时间必须晚于现在", { param: "expiresAt" });
}

export async function createKey(
  input: CreateKeyInput,
  ctx: KeyContext,
): Promise<{ item: ApiKeyView; key: string }> {
  await assertModelsExist(input.allowedModels);
  assertFuture(input.expiresAt);
  const material = generateKey();
  const at = nowIso();
  const row: ApiKeyRow = {
    id: newId("key_"),
    userId: ctx.user.id,
    name: input.name,
    keyHash: material.hash,
    prefix: material.prefix,
    suffix: material.suffix,
    allowedModels: JSON.stringify(input.allowedModels),
    creditLimit: input.creditLimit,
    limitReset: input.limitReset,
    windowStart: null,
    windowSpent: 0,
    rpm: input.rpm,
    expiresAt: input.expiresAt,
    enabled: 1,
    revokedAt: null,
    lastUsedAt: null,
    lastUsedIp: null,
    createdAt: at,
    updatedAt: at,
  };
  await db.transaction().execute(async (trx) => {
    const live = await trx
      .selectFrom("api_keys")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("userId", "=", ctx.user.id)
      .where("revokedAt", "is", null)
      .executeTakeFirstOrThrow();
    if (Number(live.n) >= MAX_KEYS_PER_USER)
      throw new ApiError(
        "invalid_request",
        `最多保留 ${MAX_KEYS_PER_USER} 个有效密钥，请先撤销不用的`,
      );
    await trx.insertInto("api_keys").values(row).execute();
    const view = toKeyView(row);
    await recordAudit(
      {
        actor: actor(ctx.user),
        ip: ctx.ip,
        action: "key.create",
        targetType: "api_key",
        targetId: row.id,
        diff: { after: auditFields(view) },
      },
      trx,
    );
  });
  return { item: toKeyView(row), key: material.key };
}

/** The fields an audit row shows of a key (its display form, never the key). */
function auditFields(v: ApiKeyView) {
  return {
    name: v.name,
    display: v.display,
    allowedModels: v.allowedModels,
    creditLimit: v.creditLimit,
    limitReset: v.limitReset,
    rpm: v.rpm,
    expiresAt: v.expiresAt,
    enabled: v.enabled,
  };
}

export async function updateKey(
  id: string,
  patch: UpdateKeyInput,
  ctx: KeyContext,
): Promise<ApiKeyView> {
  const before = await ownKeyOrThrow(ctx.user.id, id);
  if (before.revokedAt) throw new ApiError("invalid_request", "已撤销的密钥不能再修改");
  if (patch.allowedModels) await assertModelsExist(patch.allowedModels);
  assertFuture(patch.expiresAt);
  const set: Partial<ApiKeyRow> = { updatedAt: nowIso() };
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.allowedModels !== undefined) set.allowedModels = JSON.stringify(patch.allowedModels);
  if (patch.creditLimit !== undefined) set.creditLimit = patch.creditLimit;
  if (patch.limitReset !== undefined) set.limitReset = patch.limitReset;
  if (patch.rpm !== undefined) set.rpm = patch.rpm;
  if (patch.expiresAt !== undefined) set.expiresAt = patch.expiresAt;
  if (patch.enabled !== undefined) set.enabled = patch.enabled ? 1 : 0;
  return db.transaction().execute(async (trx) => {
    const after = await trx
      .updateTable("api_keys")
      .set(set)
      .where("id", "=", id)
      .where("userId", "=", ctx.user.id)
      .where("revokedAt", "is", null)
      .returningAll()
      .executeTakeFirst();
    if (!after) throw new ApiError("not_found", "密钥不存在");
    const view = toKeyView(after);
    await recordAudit(
      {
        actor: actor(ctx.user),
        ip: ctx.ip,
        action: "key.update",
        targetType: "api_key",
        targetId: id,
        diff: changes(auditFields(toKeyView(before)), auditFields(view)),
      },
      trx,
    );
    return view;
  });
}

/** Revokes at once: the next call with the key, on any instance, is refused. Idempotent. */
export async function revokeKey(id: string, ctx: KeyContext): Promise<ApiKeyView> {
  const row = await ownKeyOrThrow(ctx.user.id, id);
  if (row.revokedAt) return toKeyView(row);
  return db.transaction().execute(async (trx) => {
    const at = nowIso();
    const after = await trx
      .updateTable("api_keys")
      .set({ revokedAt: at, updatedAt: at })
      .where("id", "=", id)
      .where("revokedAt", "is", null)
      .returningAll()
      .executeTakeFirst();
    const view = toKeyView(after ?? row);
    if (after)
      await recordAudit(
        {
          actor: actor(ctx.user),
          ip: ctx.ip,
          action: "key.revoke",
          targetType: "api_key",
          targetId: id,
          diff: { name: view.name, display: view.display },
        },
        trx,
      );
    return view;
  });
}

/**
 * Revokes every live key of a user inside the caller's transaction (sign out everywhere, password
 * change, disable), so the keys stop in the same commit as the tokens. Returns how many.
 */
export async function revokeAllKeys(trx: Transaction<Database>, userId: string): Promise<number> {
  const at = nowIso();
  const res = await trx
    .updateTable("api_keys")
    .set({ revokedAt: at, updatedAt: at })
    .where("userId", "=", userId)
    .where("revokedAt", "is", null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
