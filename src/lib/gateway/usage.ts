import "server-only";
import type { Executor } from "@/lib/credits/ledger";
import type { Insertable } from "kysely";
import { db, nowIso } from "@/lib/db";
import { prepared } from "@/lib/db/prepared";
import type { AiUsageTable } from "@/lib/db/schema";
import { newTimeId } from "@/lib/ids";

// One AiUsage row per AI call that got as far as a model (contract §5): what ran, for whom,
// how long, how many tokens, what it cost and how it ended.

export type UsageRecord = {
  userId: string;
  apiKeyId?: string | null;
  providerSlug: string;
  modelSlug: string;
  operation: string;
  requestId: string;
  status: string;
  tokensIn?: number;
  tokensOut?: number;
  latencyMs: number;
  costCredits: number;
  finishReason?: string | null;
};

const insertUsage = prepared((db, u: Insertable<AiUsageTable>) =>
  db.insertInto("ai_usage").values({
    id: u.id,
    userId: u.userId,
    apiKeyId: u.apiKeyId,
    providerSlug: u.providerSlug,
    modelSlug: u.modelSlug,
    operation: u.operation,
    tokensIn: u.tokensIn,
    tokensOut: u.tokensOut,
    latencyMs: u.latencyMs,
    costCredits: u.costCredits,
    finishReason: u.finishReason,
    status: u.status,
    requestId: u.requestId,
    createdAt: u.createdAt,
  }),
);

/** `executor`: a transaction the caller has open (a billed call settles and records together). */
export async function recordUsage(u: UsageRecord, executor: Executor = db): Promise<void> {
  await insertUsage(executor, {
    id: newTimeId("use_"),
    userId: u.userId,
    apiKeyId: u.apiKeyId ?? null,
    providerSlug: u.providerSlug,
    modelSlug: u.modelSlug,
    operation: u.operation,
    tokensIn: Math.max(0, Math.round(u.tokensIn ?? 0)),
    tokensOut: Math.max(0, Math.round(u.tokensOut ?? 0)),
    latencyMs: Math.max(0, Math.round(u.latencyMs)),
    costCredits: u.costCredits,
    finishReason: u.finishReason ?? null,
    status: u.status,
    requestId: u.requestId,
    createdAt: nowIso(),
  });
}
