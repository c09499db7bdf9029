import "server-only";
import type { TaskRow } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { parseTask } from "../model";
import { overdueTasks, renewLease } from "./claim";
import { runStep, timeOutTask } from "./step";

// Running a claimed task's step under its lease: the lease is renewed while the step runs (a
// long download outlives one lease period); if it cannot be renewed another worker owns the
// task now, and this step is aborted.

export async function workOn(row: TaskRow, workerId: string): Promise<Date | null> {
  const abort = new AbortController();
  const timer = setInterval(
    () => {
      void renewLease(row.id, workerId)
        .then((ours) => {
          if (!ours) abort.abort(new Error("lease lost"));
        })
        .catch(() => undefined);
    },
    Math.max(100, Math.floor(env.TASK_LEASE_MS / 3)),
  );
  try {
    return (await runStep(row, workerId, abort.signal)).next;
  } catch (err) {
    // A bug or a database hiccup: the lease lapses and the task is retried later.
    logger.error({ taskId: row.id, err: { message: (err as Error).message } }, "task step crashed");
    return null;
  } finally {
    clearInterval(timer);
  }
}

/** Fails every live task past TASK_TIMEOUT_MS (refunding it), whoever holds it. */
export async function sweepTimeouts(): Promise<number> {
  let n = 0;
  for (const row of await overdueTasks()) if (await timeOutTask(parseTask(row))) n++;
  if (n) logger.warn({ timedOut: n }, "tasks timed out");
  return n;
}
