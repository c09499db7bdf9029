import "server-only";
import { sql } from "kysely";
import { db, dialect, nowIso } from "@/lib/db";
import type { TaskRow } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { LIVE_STATUSES } from "../model";

// Leases. A worker owns a task while `lockedBy` is its id and `lockedUntil` is in the future;
// claims are atomic (one UPDATE … RETURNING; on PostgreSQL the candidates are picked with
// FOR UPDATE SKIP LOCKED so concurrent claimers never wait on each other or take the same row).
// Every non-terminal write a step makes is fenced on `lockedBy`, so a worker whose lease lapsed
// (paused, partitioned) cannot overwrite the new owner's progress. Terminal writes are fenced on
// status instead (see ../finish.ts).

const leaseUntil = () => new Date(Date.now() + env.TASK_LEASE_MS).toISOString();

/** Claims up to `limit` due tasks for `workerId`, oldest due first. */
export async function claimDue(limit: number, workerId: string): Promise<TaskRow[]> {
  if (limit <= 0) return [];
  const now = nowIso();
  const lockFor = dialect === "postgres" ? sql`for update skip locked` : sql``;
  const result = await sql<TaskRow>`
    update "tasks" set "lockedUntil" = ${leaseUntil()}, "lockedBy" = ${workerId}
    where "id" in (
      select "id" from "tasks"
      where "status" in ('queued', 'in_progress') and "nextPollAt" <= ${now}
        and ("lockedUntil" is null or "lockedUntil" < ${now})
      order by "nextPollAt" limit ${limit} ${lockFor}
    )
    and "status" in ('queued', 'in_progress') and ("lockedUntil" is null or "lockedUntil" < ${now})
    returning *`.execute(db);
  return result.rows;
}

/** Claims one task if it is live, due (within `slackMs`) and unlocked (the BullMQ worker). */
export async function claimOne(
  id: string,
  workerId: string,
  slackMs = 100,
): Promise<TaskRow | null> {
  const now = nowIso();
  const row = await db
    .updateTable("tasks")
    .set({ lockedUntil: leaseUntil(), lockedBy: workerId })
    .where("id", "=", id)
    .where("status", "in", [...LIVE_STATUSES])
    .where("nextPollAt", "<=", new Date(Date.now() + slackMs).toISOString())
    .where((eb) => eb.or([eb("lockedUntil", "is", null), eb("lockedUntil", "<", now)]))
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

/** Extends the lease; false when it is no longer ours (another worker took the task over). */
export async function renewLease(id: string, workerId: string): Promise<boolean> {
  const res = await db
    .updateTable("tasks")
    .set({ lockedUntil: leaseUntil() })
    .where("id", "=", id)
    .where("lockedBy", "=", workerId)
    .where("status", "in", [...LIVE_STATUSES])
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export type StepPatch = Partial<
  Pick<TaskRow, "status" | "progress" | "upstreamJobId" | "attempts" | "startedAt" | "error">
>;

/**
 * Ends a step without finishing the task: applies `patch`, sets the next poll time and releases
 * the lease — only while the lease is still ours and the task still live.
 */
export async function releaseTask(
  id: string,
  workerId: string,
  nextPollAt: Date,
  patch: StepPatch = {},
): Promise<boolean> {
  const res = await db
    .updateTable("tasks")
    .set({
      ...patch,
      nextPollAt: nextPollAt.toISOString(),
      lockedUntil: null,
      lockedBy: null,
      updatedAt: nowIso(),
    })
    .where("id", "=", id)
    .where("lockedBy", "=", workerId)
    .where("status", "in", [...LIVE_STATUSES])
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Live tasks past their deadline (the timeout sweep), whoever holds them. */
export async function overdueTasks(limit = 100): Promise<TaskRow[]> {
  const cutoff = new Date(Date.now() - env.TASK_TIMEOUT_MS).toISOString();
  return db
    .selectFrom("tasks")
    .selectAll()
    .where("status", "in", [...LIVE_STATUSES])
    .where("createdAt", "<", cutoff)
    .limit(limit)
    .execute();
}

/** Due, unlocked tasks (BullMQ mode re-enqueues them if their job was lost). */
export async function dueUnlocked(
  olderThanMs: number,
  limit = 500,
): Promise<{ id: string; nextPollAt: string | null }[]> {
  const now = nowIso();
  return db
    .selectFrom("tasks")
    .select(["id", "nextPollAt"])
    .where("status", "in", [...LIVE_STATUSES])
    .where("nextPollAt", "<=", new Date(Date.now() - olderThanMs).toISOString())
    .where((eb) => eb.or([eb("lockedUntil", "is", null), eb("lockedUntil", "<", now)]))
    .orderBy("nextPollAt")
    .limit(limit)
    .execute();
}
