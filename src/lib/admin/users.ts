import "server-only";
import { sql } from "kysely";
import { type AdminContext, changes, recordAudit } from "@/lib/audit";
import { revokeEverything } from "@/lib/auth/account";
import { decodeCursor, encodeCursor } from "@/lib/cursor";
import { db, nowIso } from "@/lib/db";
import type { UserRow } from "@/lib/db/schema";
import { ApiError } from "@/lib/errors";
import { listKeys } from "@/lib/keys/service";
import type { ApiKeyView } from "@/lib/keys/schemas";
import { parseOverrides } from "@/lib/quotas/limits";
import { quotaStatus, type QuotaStatus } from "@/lib/quotas/status";
import { getSettings } from "@/lib/settings/store";
import type { QuotaTable } from "@/lib/settings/schema";
import type { AdminUserSummary, UserPatch } from "./user-schemas";

// The console's 用户 section: find people, see everything about one, change what an operator may
// change. Each write and its audit row commit together.

const toSummary = (u: UserRow): AdminUserSummary => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  credits: Number(u.credits),
  plan: u.plan,
  disabledAt: u.disabledAt,
  createdAt: u.createdAt,
});

/** Newest first; `q` matches email or name (case-insensitive substring) or an exact id. */
export async function listUsers(query: { q?: string; cursor?: string; limit: number }) {
  let q = db.selectFrom("users").selectAll();
  if (query.q) {
    const like = `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // ESCAPE names the backslash on both databases (SQLite has no default escape character).
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`lower("email") like ${like} escape '\\'`,
        sql<boolean>`lower("name") like ${like} escape '\\'`,
        eb("id", "=", query.q!),
      ]),
    );
  }
  if (query.cursor) {
    const c = decodeCursor(query.cursor, "users");
    q = q.where((eb) =>
      eb.or([
        eb("createdAt", "<", String(c.v)),
        eb.and([eb("createdAt", "=", String(c.v)), eb("id", "<", c.id)]),
      ]),
    );
  }
  const rows = await q
    .orderBy("createdAt", "desc")
    .orderBy("id", "desc")
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toSummary),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor({ k: "users", v: last.createdAt, id: last.id })
        : null,
  };
}

export type AdminUserDetail = AdminUserSummary & {
  quotaOverrides: QuotaTable;
  quotas: QuotaStatus;
  keys: ApiKeyView[];
  usage30d: { calls: number; errors: number; credits: number };
  plans: string[];
};

async function userOrThrow(id: string): Promise<UserRow> {
  const user = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  if (!user) throw new ApiError("not_found", "用户不存在");
  return user;
}

export async function userDetail(id: string): Promise<AdminUserDetail> {
  const user = await userOrThrow(id);
  const since = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const [quotas, keys, usage, settings] = await Promise.all([
    quotaStatus(user),
    listKeys(id),
    db
      .selectFrom("ai_usage")
      .select((eb) => [
        eb.fn.countAll<number>().as("calls"),
        eb.fn
          .sum<number>(
            eb.case().when("status", "=", "success").then(eb.lit(0)).else(eb.lit(1)).end(),
          )
          .as("errors"),
        eb.fn.sum<number>("costCredits").as("credits"),
      ])
      .where("userId", "=", id)
      .where("createdAt", ">=", since)
      .executeTakeFirstOrThrow(),
    getSettings(),
  ]);
  return {
    ...toSummary(user),
    quotaOverrides: parseOverrides(user.quotaOverrides),
    quotas,
    keys,
    usage30d: {
      calls: Number(usage.calls ?? 0),
      errors: Number(usage.errors ?? 0),
      credits: Number(usage.credits ?? 0),
    },
    plans: Object.keys(settings.quotaPlans),
  };
}

/** The user's AI calls, newest first (keyset on createdAt, id). */
export async function listUserUsage(userId: string, query: { cursor?: string; limit: number }) {
  let q = db
    .selectFrom("ai_usage")
    .leftJoin("api_keys", "api_keys.id", "ai_usage.apiKeyId")
    .select([
      "ai_usage.id",
      "ai_usage.operation",
      "ai_usage.modelSlug",
      "ai_usage.providerSlug",
      "ai_usage.status",
      "ai_usage.costCredits",
      "ai_usage.tokensIn",
      "ai_usage.tokensOut",
      "ai_usage.latencyMs",
      "ai_usage.requestId",
      "ai_usage.createdAt",
      "api_keys.name as keyName",
    ])
    .where("ai_usage.userId", "=", userId);
  if (query.cursor) {
    const c = decodeCursor(query.cursor, "usage");
    q = q.where((eb) =>
      eb.or([
        eb("ai_usage.createdAt", "<", String(c.v)),
        eb.and([eb("ai_usage.createdAt", "=", String(c.v)), eb("ai_usage.id", "<", c.id)]),
      ]),
    );
  }
  const rows = await q
    .orderBy("ai_usage.createdAt", "desc")
    .orderBy("ai_usage.id", "desc")
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      ...r,
      costCredits: Number(r.costCredits),
      tokensIn: Number(r.tokensIn),
      tokensOut: Number(r.tokensOut),
      latencyMs: Number(r.latencyMs),
    })),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor({ k: "usage", v: last.createdAt, id: last.id })
        : null,
  };
}

/**
 * Role, disable/enable, plan and quota overrides. Disabling ends every token, session and key of
 * the user in the same transaction (see revokeEverything); an admin cannot disable or demote
 * themselves, so the console can never lock out the operator using it.
 */
export async function updateUser(
  id: string,
  patch: UserPatch,
  ctx: AdminContext,
): Promise<AdminUserDetail> {
  const { reason, ...fields } = patch;
  if (!Object.keys(fields).length) throw new ApiError("invalid_request", "没有要修改的内容");
  if (id === ctx.actor?.id && (fields.disabled === true || fields.role === "user"))
    throw new ApiError("invalid_request", "不能停用自己或取消自己的管理员权限");
  if (fields.plan !== undefined && !((await getSettings()).quotaPlans[fields.plan] !== undefined))
    throw new ApiError("invalid_request", `配额方案 ${fields.plan} 不存在`, { param: "plan" });
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("users")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    if (!before) throw new ApiError("not_found", "用户不存在");
    const set: Partial<UserRow> = {};
    if (fields.role !== undefined) set.role = fields.role;
    if (fields.plan !== undefined) set.plan = fields.plan;
    if (fields.quotaOverrides !== undefined)
      set.quotaOverrides = JSON.stringify(fields.quotaOverrides);
    const disabling = fields.disabled === true && !before.disabledAt;
    if (fields.disabled !== undefined)
      set.disabledAt = fields.disabled ? (before.disabledAt ?? nowIso()) : null;
    if (Object.keys(set).length)
      await trx.updateTable("users").set(set).where("id", "=", id).execute();
    const revoked = disabling ? await revokeEverything(trx, id) : null;
    const view = (u: UserRow) => ({
      role: u.role,
      disabled: Boolean(u.disabledAt),
      plan: u.plan,
      quotaOverrides: parseOverrides(u.quotaOverrides),
    });
    await recordAudit(
      {
        ...ctx,
        action: disabling
          ? "user.disable"
          : fields.disabled === false && before.disabledAt
            ? "user.enable"
            : "user.update",
        targetType: "user",
        targetId: id,
        diff: {
          email: before.email,
          ...changes(view(before), view({ ...before, ...set })),
          ...(reason ? { reason } : {}),
          ...(revoked ? { keysRevoked: revoked.keysRevoked } : {}),
        },
      },
      trx,
    );
  });
  return userDetail(id);
}
