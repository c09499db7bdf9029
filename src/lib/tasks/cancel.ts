import "server-only";
import { db, nowIso } from "@/lib/db";
import { ApiError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { endLiveChildren } from "./children";
import { endTask } from "./finish";
import { isLive, type ParsedTask, WORKFLOW_KIND } from "./model";
import { outputKeys, discardKeys } from "./outputs";
import { getTask } from "./repo";
import { cancelUpstream } from "./runner/step";

// Cancel (user or admin) and delete. A cancel refunds in the same transaction that ends the
// task; telling the provider to stop is best effort and happens after.

/** Cancels a live task (full refund). 409 when it already completed or failed. */
export async function cancelTask(task: ParsedTask, by: "user" | "admin"): Promise<ParsedTask> {
  if (task.status === "cancelled") return task;
  if (!isLive(task.status)) throw new ApiError("conflict", "任务已结束，无法取消", { param: "id" });
  const won = await endTask(task, "cancelled", {
    code: "cancelled",
    message: by === "admin" ? "任务已被管理员取消，积分已退还" : "任务已取消，积分已退还",
  });
  if (won) void cancelUpstream(task);
  // A workflow's steps that have not finished are stopped with it, each refunded.
  if (won && task.kind === WORKFLOW_KIND) {
    const stopped = await endLiveChildren(task.id, "cancelled", {
      code: "cancelled",
      message: "工作流已取消，本步未完成，积分已退还",
    });
    // A step already submitted to its provider is told to stop there too (best effort).
    for (const step of stopped) void cancelUpstream(step);
  }
  const now = (await getTask(task.id))!;
  // Lost the race to a finisher: report what it ended as (completed tasks are not cancelled).
  if (!won && now.status !== "cancelled")
    throw new ApiError("conflict", "任务已结束，无法取消", { param: "id" });
  return now;
}

/**
 * DELETE /v1/videos/{id}: a running task is cancelled and refunded first; then the stored files
 * go and the task disappears from its owner's lists (the row stays for the ledger and admins).
 */
export async function deleteTask(task: ParsedTask): Promise<void> {
  let current = task;
  if (isLive(current.status)) {
    try {
      current = await cancelTask(current, "user");
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      current = (await getTask(task.id))!;
    }
  }
  await db
    .updateTable("tasks")
    .set({ deletedAt: nowIso(), updatedAt: nowIso() })
    .where("id", "=", task.id)
    .execute();
  // Gallery assets made from it keep their own copies of the URLs; keep those files.
  const assetBacked = current.outputList.some((o) => o.assetId);
  if (!assetBacked) await discardKeys(outputKeys(current.outputList));
  logger.info({ taskId: task.id }, "task deleted");
}
