import "server-only";
import type { Kysely, Transaction } from "kysely";
import { newestFirst } from "@/lib/db/keyset";
import { db, nowIso } from "@/lib/db";
import type { Database } from "@/lib/db/schema";
import { newId } from "@/lib/ids";

// Every admin write leaves one row: who, what, on which target, the change with secrets
// redacted, from where, when. Written in the caller's transaction so a rolled-back write
// leaves no audit row and a committed one always has one.

export type AuditActor = { id: string; email: string } | null;
export type AuditEntry = {
  actor: AuditActor;
  action: string;
  targetType: string;
  targetId: string | null;
  diff: unknown;
  ip: string | null;
};
export type AuditLog = {
  id: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  diff: unknown;
  ip: string | null;
  createdAt: string;
};

const SECRET_KEY = /api[-_]?key|password|secret|token|authorization|cookie|credential/i;

/** Deep copy with every value under a secret-looking key replaced by "[redacted]". */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        SECRET_KEY.test(k) && v !== null && v !== undefined && typeof v !== "boolean"
          ? "[redacted]"
          : redactSecrets(v),
      ]),
    );
  }
  return value;
}

/** The fields that changed between two views, as {before, after}. */
export function changes<T extends Record<string, unknown>>(
  before: T,
  after: T,
): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (key === "updatedAt") continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}

export async function recordAudit(
  entry: AuditEntry,
  trx?: Transaction<Database> | Kysely<Database>,
): Promise<void> {
  await (trx ?? db)
    .insertInto("audit_logs")
    .values({
      id: newId("aud_"),
      actorId: entry.actor?.id ?? null,
      actorEmail: entry.actor?.email ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      diff: JSON.stringify(redactSecrets(entry.diff ?? {})),
      ip: entry.ip,
      createdAt: nowIso(),
    })
    .execute();
}

/** Newest first, keyset-paged on (createdAt, id). */
export async function listAudit(query: {
  cursor?: string;
  limit: number;
}): Promise<{ items: AuditLog[]; nextCursor: string | null }> {
  const q = db.selectFrom("audit_logs").selectAll();
  const { rows: page, nextCursor } = await newestFirst(q, query, {
    kind: "audit",
    time: "createdAt",
    id: "id",
    keyOf: (r) => ({ time: r.createdAt, id: r.id }),
  });
  return {
    items: page.map((r) => ({ ...r, diff: JSON.parse(r.diff) as unknown })),
    nextCursor,
  };
}

/** Who is making an admin write, and from where; passed from the route to the service. */
export type AdminContext = { actor: AuditActor; ip: string | null };
