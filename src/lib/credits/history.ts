import "server-only";
import { z } from "zod";
import { newestFirst } from "@/lib/db/keyset";
import { db } from "@/lib/db";
import type { CreditTransactionRow, TxStatus } from "@/lib/db/schema";
import { asPeriod, keyWindow } from "@/lib/keys/views";

// Read side of the ledger: a user's balance and their transactions, newest first.

export type CreditTransaction = {
  id: string;
  delta: number;
  reason: string;
  status: TxStatus;
  providerSlug: string | null;
  modelSlug: string | null;
  requestId: string | null;
  meta: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
};

// Only these meta keys are shown to users; anything else stored on a row stays internal.
const PUBLIC_META = [
  "operation",
  "held",
  "charged",
  "refunded",
  "tokensIn",
  "tokensOut",
  "images",
  "note",
  "reaped",
  "aborted",
  "error",
];

export function toCreditTransaction(row: CreditTransactionRow): CreditTransaction {
  let meta: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(row.meta) as Record<string, unknown>;
    meta = Object.fromEntries(Object.entries(parsed).filter(([k]) => PUBLIC_META.includes(k)));
  } catch {
    // a malformed meta shows as empty rather than failing the whole page
  }
  return {
    id: row.id,
    delta: Number(row.delta),
    reason: row.reason,
    status: row.status,
    providerSlug: row.providerSlug,
    modelSlug: row.modelSlug,
    requestId: row.requestId,
    meta,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export const transactionsQuery = z.object({
  cursor: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** Keyset page on (createdAt, id) descending: stable while new rows arrive. */
export async function listTransactions(
  userId: string,
  query: z.infer<typeof transactionsQuery>,
): Promise<{ items: CreditTransaction[]; nextCursor: string | null }> {
  const q = db.selectFrom("credit_transactions").selectAll().where("userId", "=", userId);
  const { rows, nextCursor } = await newestFirst(q, query, {
    kind: "tx",
    time: "createdAt",
    id: "id",
    keyOf: (r) => ({ time: r.createdAt, id: r.id }),
  });
  return { items: rows.map(toCreditTransaction), nextCursor };
}

export async function balanceWithRecent(
  userId: string,
): Promise<{ credits: number; recent: CreditTransaction[] }> {
  const [user, page] = await Promise.all([
    db.selectFrom("users").select("credits").where("id", "=", userId).executeTakeFirst(),
    listTransactions(userId, { limit: 20 }),
  ]);
  return { credits: Number(user?.credits ?? 0), recent: page.items };
}

/**
 * What the caller can spend on one call now: the balance, and when the call uses a personal key
 * with a credit limit, no more than what is left of that key's limit in its current window.
 * (An affordable chat hold is sized to this; the hold itself still checks both atomically.)
 */
export async function spendableCredits(
  userId: string,
  apiKey: { id: string; limitReset: string } | null,
): Promise<{ credits: number; balance: number }> {
  const user = await db
    .selectFrom("users")
    .select("credits")
    .where("id", "=", userId)
    .executeTakeFirst();
  const balance = Number(user?.credits ?? 0);
  if (!apiKey) return { credits: balance, balance };
  const key = await db
    .selectFrom("api_keys")
    .select(["creditLimit", "windowStart", "windowSpent"])
    .where("id", "=", apiKey.id)
    .executeTakeFirst();
  if (!key || key.creditLimit === null) return { credits: balance, balance };
  const window = keyWindow(asPeriod(apiKey.limitReset)).start;
  const spent = key.windowStart === window ? Number(key.windowSpent) : 0;
  return { credits: Math.max(0, Math.min(balance, Number(key.creditLimit) - spent)), balance };
}
