import "server-only";
import { db, nowIso } from "@/lib/db";
import { ApiError } from "@/lib/errors";
import { LIVE_STATUSES, type ParsedTask, WORKFLOW_KIND } from "./model";
import { persistTaskOutputs } from "./persist";
import { getTask } from "./repo";

// 发布到广场 after the fact: a finished generation's outputs become public gallery works of their
// owner (as `persist: true` would have made them). Outputs already published keep their work, so
// publishing twice makes nothing twice.

export async function publishTask(
  task: ParsedTask,
  input: { title?: string; tags?: string[] },
): Promise<ParsedTask> {
  if ((LIVE_STATUSES as readonly string[]).includes(task.status))
    throw new ApiError("conflict", "任务还没有完成，完成后才能发布", { param: "id" });
  if (!task.outputList.length)
    throw new ApiError("invalid_request", "这个任务没有可发布的结果", { param: "id" });
  const fresh = task.outputList.filter((o) => !o.assetId);
  if (!fresh.length) return task;
  // A workflow's work is labelled with the workflow's name (its steps may use several models).
  const label =
    task.kind === WORKFLOW_KIND ? (task.inputData.params.label ?? task.modelSlug) : null;
  const source: ParsedTask = {
    ...task,
    modelSlug: label ?? task.modelSlug,
    inputData: {
      ...task.inputData,
      params: {
        ...task.inputData.params,
        ...(input.title ? { title: input.title } : {}),
        ...(input.tags ? { tags: input.tags } : {}),
      },
    },
  };
  await db.transaction().execute(async (trx) => {
    const made = await persistTaskOutputs(trx, source, fresh);
    let i = 0;
    const outputs = task.outputList.map((o) => (o.assetId ? o : made[i++]));
    const res = await trx
      .updateTable("tasks")
      .set({ outputs: JSON.stringify(outputs), updatedAt: nowIso() })
      .where("id", "=", task.id)
      .where("outputs", "=", task.outputs)
      .executeTakeFirst();
    // Someone published (or changed) it meanwhile: undo ours, theirs stands.
    if (Number(res.numUpdatedRows) !== 1) throw new ApiError("conflict", "任务刚被修改，请重试");
  });
  return (await getTask(task.id))!;
}
