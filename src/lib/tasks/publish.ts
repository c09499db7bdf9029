import "server-only";
import { z } from "zod";
import { db, nowIso } from "@/lib/db";
import type { NewAsset } from "@/lib/db/schema";
import { ApiError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { titleFromPrompt } from "@/lib/operations/images/persist";
import { hotScore } from "@/lib/ranking";
import { storage } from "@/lib/storage";
import { parseTask, type ParsedTask, type TaskOutput } from "./model";

// Publishing after the fact (issue 17): a generation is private until its owner publishes one
// of its outputs to the gallery, with a title, tags and the prompt shown or hidden. The asset
// and the task's record of it are written in one transaction guarded on the task's outputs as
// read, so a double click (or two tabs) publishes once.

export const publishSchema = z.object({
  output: z.coerce.number().int().min(0).max(99).default(0),
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
  const cover = o.type === "video" ? o.thumbnailKey : o.key;
  if (!cover) throw new ApiError("conflict", "这个视频没有封面，无法发布", { param: "output" });
  const { prompt, params } = task.inputData;
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
    modelTag: task.modelSlug,
    modelSlug: task.modelSlug,
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

/** Publishes one output of the owner's completed task; answers the asset id (409 if already). */
export async function publishTaskOutput(
  task: ParsedTask,
  input: PublishInput,
): Promise<{ assetId: string; task: ParsedTask }> {
  if (task.status !== "completed")
    throw new ApiError("conflict", "生成完成后才能发布", { param: "id" });
  const output = task.outputList[input.output];
  if (!output) throw new ApiError("invalid_request", "没有这个输出", { param: "output" });
  if (output.assetId) throw new ApiError("conflict", "已经发布过了", { param: "output" });
  const asset = assetFor(task, output, input);
  const outputs = task.outputList.map((o, i) =>
    i === input.output ? { ...o, assetId: asset.id } : o,
  );
  const won = await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("tasks")
      .set({ outputs: JSON.stringify(outputs), updatedAt: nowIso() })
      .where("id", "=", task.id)
      .where("outputs", "=", task.outputs)
      .where("deletedAt", "is", null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return false;
    await trx.insertInto("assets").values(asset).execute();
    const tags = JSON.parse(asset.tags) as string[];
    if (tags.length)
      await trx
        .insertInto("asset_tags")
        .values(tags.map((tag) => ({ assetId: asset.id, tag })))
        .execute();
    return true;
  });
  if (!won) throw new ApiError("conflict", "已经发布过了", { param: "output" });
  const row = await db.selectFrom("tasks").selectAll().where("id", "=", task.id).executeTakeFirst();
  return { assetId: asset.id, task: parseTask(row!) };
}
