import "server-only";
import type { Transaction } from "kysely";
import { nowIso } from "@/lib/db";
import type { Database, TaskRow } from "@/lib/db/schema";
import { ApiError } from "@/lib/errors";
import type { ChargeRecord } from "@/lib/gateway/charge";
import { taskIdFor } from "./create";
import type { TaskInputData, TaskOutput } from "./model";

// A synchronous generation (an image call answered in one request) is recorded as a task when it
// finishes — in the same transaction as its settle or refund — so /api/tasks is the user's whole
// history and a completed requestId can replay exactly what was paid for.

export type SyncTaskBase = {
  /** The row's id when the caller needs to know it up front (else a new one). */
  id?: string;
  userId: string;
  kind: string;
  requestId: string;
  modelSlug: string;
  providerSlug: string;
  providerId: string;
  upstreamModel: string;
  held: number;
  startedAt: string;
  input: () => TaskInputData;
  /** The stored outputs, once the call succeeded. */
  outputs: () => TaskOutput[];
  projectId?: string | null;
};

function errorOf(err: unknown): { code: string; message: string } {
  if (err instanceof ApiError) return { code: err.code, message: err.message };
  return { code: "internal_error", message: "服务器内部错误" };
}

export function syncTaskRecorder(base: SyncTaskBase): ChargeRecord {
  return async (trx: Transaction<Database>, outcome) => {
    const now = nowIso();
    const row: TaskRow = {
      id: base.id ?? taskIdFor(base.kind),
      userId: base.userId,
      kind: base.kind,
      modelSlug: base.modelSlug,
      providerSlug: base.providerSlug,
      providerId: base.providerId,
      upstreamModel: base.upstreamModel,
      upstreamJobId: null,
      requestId: base.requestId,
      status: outcome.status,
      progress: outcome.status === "completed" ? 100 : 0,
      input: JSON.stringify(base.input()),
      outputs: JSON.stringify(outcome.status === "completed" ? base.outputs() : []),
      price: "{}",
      holdId: null,
      creditsHeld: base.held,
      creditsCharged: outcome.charged,
      error: outcome.status === "failed" ? JSON.stringify(errorOf(outcome.error)) : null,
      attempts: 0,
      nextPollAt: null,
      lockedUntil: null,
      lockedBy: null,
      remixOf: null,
      upstreamDoneAt: null,
      deletedAt: null,
      parentId: null,
      stepIndex: null,
      projectId: base.projectId ?? null,
      createdAt: base.startedAt,
      startedAt: base.startedAt,
      finishedAt: now,
      updatedAt: now,
    };
    await trx.insertInto("tasks").values(row).execute();
  };
}
