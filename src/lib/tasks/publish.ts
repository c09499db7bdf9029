import "server-only";
import { galleryChanged } from "@/lib/gallery/cache";
import { z } from "zod";
import { db, nowIso } from "@/lib/db";
import type { NewAsset } from "@/lib/db/schema";
import { ApiError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { titleFromPrompt } from "@/lib/operations/images/persist";
import { hotScore } from "@/lib/ranking";
import { storage } from "@/lib/storage";
import { parseTask, type ParsedTask, type TaskOutput, WORKFLOW_KIND } from "./model";

// Publishing after the fact (issue 17): a generation is private until its owner publishes its
// outputs (or one of them) to the gallery, with a title, tags and the prompt shown or hidden.
// The assets and the task's record of them are written in one transaction guarded on the task's
// outputs as read, so a double click (or two tabs) publishes once.

export const publishSchema = z.object({
  /** Which output (0-based); all unpublished outputs when absent. */
  output: z.number().int().min(0).max(99).optional(),
  title: z.string().trim().min(1, "标题不能为空").max(120, "标题最多 120 个字").optional(),
  tags: z
    .array(z.string().trim().min(1).max(30, "标签最多 30 个字"))
    .max(10, "最多 10 个标签")
    .default([]),
  showPrompt: z.boolean().default(true),
});

export type PublishInput = z.infer<typeof publishSchema>;

function assetFor(task: ParsedTask, o: TaskOutput, input: PublishInput): NewAsset {
  const createdAt = nowIso();
  const width = o.width ?? 720;
  const height = o.height ?? 1280;
  // A clip without a thumbnail shows its first frame (the video itself) as its cover.
  const cover = o.type === "video" ? (o.thumbnailKey ?? o.key) : o.key;
  const { prompt, params } = task.inputData;
  // A workflow's work is labelled with the workflow's name (its steps may use several models).
  const workflow = task.kind === WORKFLOW_KIND;
  return {
    id: newId("ast_"),
    title: input.title ?? (titleFromPrompt(prompt) || "未命名作品"),
    type: o.type,
    coverUrl: storage.url(cover),
    videoUrl: o.type === "video" ? storage.url(o.key) : null,
    width,
    height,
    aspectRatio: Math.round((width / height) * 1e4) / 1e4,
    durationSec: o.durationSec,
    modelTag: workflow ? (params.label ?? task.modelSlug) : task.modelSlug,
    modelSlug: workflow ? null : task.modelSlug,
    params: JSON.stringify({
      size: params.size ?? `${width}x${height}`,
      ...(params.quality ? { quality: params.quality } : {}),
      ...(params.seconds ? { seconds: params.seconds } : {}),
    }),
    tags: JSON.stringify([...new Set(input.tags)]),
    prompt: input.showPrompt ? prompt : null,
    ownerId: task.userId,
    views: 0,
    likes: 0,
    hotScore: hotScore({ likes: 0, views: 0, createdAt }),
    createdAt,
  };
}

/**
 * Publishes the owner's finished task: one output (`output`) or every output not yet published.
 * Outputs already published keep their work, so publishing twice makes nothing twice.
 */
export async function publishTaskOutputs(
  task: ParsedTask,
  input: PublishInput,
): Promise<ParsedTask> {
  if (task.status === "queued" || task.status === "in_progress")
    throw new ApiError("conflict", "任务还没有完成，完成后才能发布", { param: "id" });
  if (!task.outputList.length)
    throw new ApiError("invalid_request", "这个任务没有可发布的结果", { param: "id" });
  if (input.output !== undefined && !task.outputList[input.output])
    throw new ApiError("invalid_request", "没有这个输出", { param: "output" });
  const wanted = (i: number) => input.output === undefined || input.output === i;
  const assets: NewAsset[] = [];
  const outputs = task.outputList.map((o, i) => {
    if (o.assetId || !wanted(i)) return o;
    const asset = assetFor(task, o, input);
    assets.push(asset);
    return { ...o, assetId: asset.id };
  });
  if (!assets.length) return task;
  await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("tasks")
      .set({ outputs: JSON.stringify(outputs), updatedAt: nowIso() })
      .where("id", "=", task.id)
      .where("outputs", "=", task.outputs)
      .where("deletedAt", "is", null)
      .executeTakeFirst();
    // Someone published (or changed) it meanwhile: nothing of ours is written.
    if (Number(res.numUpdatedRows) !== 1)
      throw new ApiError("conflict", "任务刚被修改，请刷新后重试", { param: "id" });
    await trx.insertInto("assets").values(assets).execute();
    const tagRows = assets.flatMap((a) =>
      (JSON.parse(a.tags) as string[]).map((tag) => ({ assetId: a.id, tag })),
    );
    if (tagRows.length) await trx.insertInto("asset_tags").values(tagRows).execute();
  });
  galleryChanged();
  const row = await db.selectFrom("tasks").selectAll().where("id", "=", task.id).executeTakeFirst();
  return parseTask(row!);
}
