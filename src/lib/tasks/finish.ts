import "server-only";
import { galleryChanged } from "@/lib/gallery/cache";
import type { Transaction } from "kysely";
import { refundHold, settleCharge } from "@/lib/credits/ledger";
import { db, nowIso } from "@/lib/db";
import type { Database, TaskStatus } from "@/lib/db/schema";
import { recordUsage } from "@/lib/gateway/usage";
import { logger } from "@/lib/logger";
import { taskMetrics } from "@/lib/metrics";
import { LIVE_STATUSES, type ParsedTask, type TaskError, type TaskOutput } from "./model";
import { persistTaskOutputs } from "./persist";
import { taskDue } from "./runner/due";

// Terminal transitions. Each is ONE transaction: a compare-and-swap on the task's status (only a
// live task can finish) plus its ledger write (settle or refund). Whoever races — a poller, a
// webhook-triggered poll, the timeout sweep, a cancel, a second worker — exactly one wins; the
// others change nothing and learn they lost (false), so they can discard what they stored.

async function claimTerminal(
  trx: Transaction<Database>,
  task: ParsedTask,
  patch: {
    status: TaskStatus;
    outputs?: TaskOutput[];
    error?: TaskError | null;
    creditsCharged?: number;
    upstreamDoneAt?: string | null;
  },
): Promise<boolean> {
  const now = nowIso();
  const res = await trx
    .updateTable("tasks")
    .set({
      status: patch.status,
      ...(patch.status === "completed" ? { progress: 100 } : {}),
      ...(patch.outputs ? { outputs: JSON.stringify(patch.outputs) } : {}),
      error: patch.error ? JSON.stringify(patch.error) : null,
      creditsCharged: patch.creditsCharged ?? 0,
      upstreamDoneAt: patch.upstreamDoneAt ?? null,
      finishedAt: now,
      startedAt: task.startedAt ?? now,
      lockedUntil: null,
      lockedBy: null,
      nextPollAt: null,
      updatedAt: now,
    })
    .where("id", "=", task.id)
    .where("status", "in", [...LIVE_STATUSES])
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * A workflow step that ended makes its workflow due at once (in the same transaction), so the
 * next step starts — or the rest is refunded — without waiting for the workflow's next poll.
 */
async function wakeParent(trx: Transaction<Database>, task: ParsedTask): Promise<void> {
  if (!task.parentId) return;
  await trx
    .updateTable("tasks")
    .set({ nextPollAt: nowIso() })
    .where("id", "=", task.parentId)
    .where("status", "in", [...LIVE_STATUSES])
    .execute();
}

function observe(
  task: ParsedTask,
  status: TaskStatus,
  charged: number,
  upstreamDoneAt?: Date | null,
) {
  const m = taskMetrics();
  const finishedAt = Date.now();
  m.finished.inc({ kind: task.kind, model: task.modelSlug, provider: task.providerSlug, status });
  m.duration.observe({ kind: task.kind, status }, (finishedAt - Date.parse(task.createdAt)) / 1000);
  if (upstreamDoneAt)
    m.lag.observe(
      { kind: task.kind, provider: task.providerSlug },
      Math.max(0, (finishedAt - upstreamDoneAt.getTime()) / 1000),
    );
  logger.info(
    {
      taskId: task.id,
      requestId: task.requestId,
      kind: task.kind,
      model: task.modelSlug,
      status,
      credits: charged,
    },
    "task finished",
  );
  void recordUsage({
    userId: task.userId,
    providerSlug: task.providerSlug,
    modelSlug: task.modelSlug,
    operation: task.kind,
    requestId: task.requestId,
    status: status === "completed" ? "success" : status,
    latencyMs: finishedAt - Date.parse(task.createdAt),
    costCredits: charged,
  }).catch((err) =>
    logger.error(
      { taskId: task.id, err: { message: (err as Error).message } },
      "usage row not written",
    ),
  );
}

/**
 * completed: outputs stored, `credits` charged (capped by the hold), the rest released, gallery
 * assets made when asked — all in one transaction. False when the task had already finished.
 */
export async function completeTask(
  task: ParsedTask,
  outputs: TaskOutput[],
  credits: number,
  upstreamDoneAt: Date | null = null,
): Promise<boolean> {
  const charge = Math.max(0, Math.min(task.creditsHeld, Math.round(credits)));
  let charged = 0;
  const won = await db.transaction().execute(async (trx) => {
    const final = task.inputData.params.persist
      ? await persistTaskOutputs(trx, task, outputs)
      : outputs;
    if (
      !(await claimTerminal(trx, task, {
        status: "completed",
        outputs: final,
        creditsCharged: charge,
        upstreamDoneAt: upstreamDoneAt?.toISOString() ?? null,
      }))
    )
      return false;
    await wakeParent(trx, task);
    if (task.holdId) {
      charged = await settleCharge(task.holdId, charge, { taskId: task.id }, trx);
      if (charged !== charge)
        await trx
          .updateTable("tasks")
          .set({ creditsCharged: charged })
          .where("id", "=", task.id)
          .execute();
    }
    return true;
  });
  if (won && task.inputData.params.persist) galleryChanged();
  if (won) observe(task, "completed", charged, upstreamDoneAt);
  if (won && task.parentId) taskDue(task.parentId);
  return won;
}

/** failed or cancelled: the whole hold refunded, in the same transaction. */
export async function endTask(
  task: ParsedTask,
  status: "failed" | "cancelled",
  error: TaskError | null,
): Promise<boolean> {
  const won = await db.transaction().execute(async (trx) => {
    if (!(await claimTerminal(trx, task, { status, error }))) return false;
    await wakeParent(trx, task);
    if (task.holdId) await refundHold(task.holdId, { taskId: task.id, taskStatus: status }, trx);
    return true;
  });
  if (won) observe(task, status, 0);
  if (won && task.parentId) taskDue(task.parentId);
  return won;
}
