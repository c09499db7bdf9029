import "server-only";
import { isLive, type ParsedTask } from "./model";
import { getTask } from "./repo";

// A request that answers synchronously on top of a task (an image model on a task-based
// provider) waits for the task's row to end. The row, not this process, is the truth: the step
// may run in another worker.

const INTERVAL_MS = 200;

/** The task once terminal, or null when `timeoutMs` passes first. */
export async function waitForTask(id: string, timeoutMs: number): Promise<ParsedTask | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const task = await getTask(id);
    if (task && !isLive(task.status)) return task;
    const left = deadline - Date.now();
    if (left <= 0) return null;
    await new Promise((r) => setTimeout(r, Math.min(INTERVAL_MS, left)));
  }
}
