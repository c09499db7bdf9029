import "server-only";
import { holdCredits, type HoldMeta } from "@/lib/credits/ledger";
import { db, nowIso } from "@/lib/db";
import type { ProviderRow, TaskRow } from "@/lib/db/schema";
import { newId } from "@/lib/ids";
import type { AiModelView } from "@/lib/catalog/views";
import type { Operation } from "@/lib/operations/registry";
import { parseTask, type ParsedTask, type TaskInputData } from "./model";
import { scheduleTask } from "./runner";

// Submitting a task: the hold is taken in the same transaction that inserts the row (contract
// §8), so there is never a task without its hold or a hold without its task. The runner is told
// right after commit; if that message is lost, the row is still due and gets claimed anyway.

export type NewTask = {
  userId: string;
  kind: Operation;
  requestId: string;
  model: AiModelView;
  providerRow: ProviderRow;
  input: TaskInputData;
  /** Credits to hold: the estimate from the model's price. */
  hold: number;
  /** The caller's daily quota and personal-key limit, enforced inside the hold's transaction. */
  guards?: Pick<HoldMeta, "quotaUnits" | "quota" | "apiKey">;
  remixOf?: string | null;
  /** The project to file the result in (the caller's, checked by the caller). */
  projectId?: string | null;
};

export const taskIdFor = (kind: string) => newId(kind === "video.generate" ? "video_" : "task_");

export async function createTask(t: NewTask): Promise<ParsedTask> {
  const id = taskIdFor(t.kind);
  const now = nowIso();
  const row: TaskRow = {
    id,
    userId: t.userId,
    kind: t.kind,
    modelSlug: t.model.slug,
    providerSlug: t.providerRow.slug,
    providerId: t.providerRow.id,
    upstreamModel: t.model.upstreamModel,
    upstreamJobId: null,
    requestId: t.requestId,
    status: "queued",
    progress: 0,
    input: JSON.stringify(t.input),
    outputs: "[]",
    price: JSON.stringify({
      pricing: t.model.pricing[t.kind as keyof typeof t.model.pricing] ?? {},
      rounding: t.model.pricing.rounding,
    }),
    holdId: null,
    creditsHeld: t.hold,
    creditsCharged: 0,
    error: null,
    attempts: 0,
    nextPollAt: now,
    lockedUntil: null,
    lockedBy: null,
    remixOf: t.remixOf ?? null,
    upstreamDoneAt: null,
    deletedAt: null,
    parentId: null,
    stepIndex: null,
    projectId: t.projectId ?? null,
    createdAt: now,
    startedAt: null,
    finishedAt: null,
    updatedAt: now,
  };
  await db.transaction().execute(async (trx) => {
    const hold = await holdCredits(
      t.userId,
      t.hold,
      t.requestId,
      {
        reason: t.kind,
        providerSlug: t.providerRow.slug,
        modelSlug: t.model.slug,
        meta: { operation: t.kind, taskId: id },
        ...t.guards,
      },
      trx,
    );
    row.holdId = hold.id;
    await trx.insertInto("tasks").values(row).execute();
  });
  scheduleTask(id, new Date());
  return parseTask(row);
}
