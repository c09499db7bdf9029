import "server-only";
import type { ApiKeyRow } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { now } from "@/lib/time/clock";
import { PERIOD_KINDS, type PeriodKind, periodAt } from "@/lib/time/periods";
import type { ApiKeyView, KeyStatus } from "./schemas";

export const asPeriod = (value: string): PeriodKind =>
  (PERIOD_KINDS as readonly string[]).includes(value) ? (value as PeriodKind) : "none";

/** The key's current credit-limit window: its start (the ledger's window id) and its end. */
export function keyWindow(
  kind: PeriodKind,
  at = now(),
): { start: string; resetsAt: string | null } {
  const p = periodAt(kind, at, env.APP_TIMEZONE);
  return {
    start: new Date(p.start).toISOString(),
    resetsAt: p.next === null ? null : new Date(p.next).toISOString(),
  };
}

export function keyStatus(row: ApiKeyRow, at = now()): KeyStatus {
  if (row.revokedAt) return "revoked";
  if (row.expiresAt && Date.parse(row.expiresAt) <= at) return "expired";
  return row.enabled ? "active" : "disabled";
}

export function parseModels(raw: string): string[] {
  try {
    const list = JSON.parse(raw) as unknown;
    return Array.isArray(list) ? list.filter((m): m is string => typeof m === "string") : [];
  } catch {
    return [];
  }
}

export function toKeyView(row: ApiKeyRow, at = now()): ApiKeyView {
  const limitReset = asPeriod(row.limitReset);
  const window = keyWindow(limitReset, at);
  return {
    id: row.id,
    name: row.name,
    display: `${row.prefix}…${row.suffix}`,
    allowedModels: parseModels(row.allowedModels),
    creditLimit: row.creditLimit === null ? null : Number(row.creditLimit),
    limitReset,
    spent: row.windowStart === window.start ? Number(row.windowSpent) : 0,
    resetsAt: window.resetsAt,
    rpm: row.rpm === null ? null : Number(row.rpm),
    expiresAt: row.expiresAt,
    enabled: Boolean(row.enabled),
    status: keyStatus(row, at),
    revokedAt: row.revokedAt,
    lastUsedAt: row.lastUsedAt,
    lastUsedIp: row.lastUsedIp,
    createdAt: row.createdAt,
  };
}
