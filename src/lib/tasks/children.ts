import "server-only";
import { db } from "@/lib/db";
import { endTask } from "./finish";
import { LIVE_STATUSES, parseTask, type ParsedTask, type TaskError } from "./model";

// A workflow's steps are child tasks of its own task. Each owns its hold, so ending the steps
// that have not run (a stop, a failed step) refunds exactly those, one guarded transition each.

export async function childTasks(parentId: string): Promise<ParsedTask[]> {
  const rows = await db
    .selectFrom("tasks")
    .selectAll()
    .where("parentId", "=", parentId)
    .orderBy("stepIndex")
    .execute();
  return rows.map(parseTask);
}

/** Ends every live step of `parentId` (refunding each); returns the steps it ended. */
export async function endLiveChildren(
  parentId: string,
  status: "failed" | "cancelled",
  error: TaskError,
): Promise<ParsedTask[]> {
  const rows = await db
    .selectFrom("tasks")
    .selectAll()
    .where("parentId", "=", parentId)
    .where("status", "in", [...LIVE_STATUSES])
    .execute();
  const ended: ParsedTask[] = [];
  for (const row of rows) {
    const task = parseTask(row);
    if (await endTask(task, status, error)) ended.push(task);
  }
  return ended;
}
