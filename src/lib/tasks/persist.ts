import "server-only";
import type { Transaction } from "kysely";
import { nowIso } from "@/lib/db";
import type { Database, NewAsset } from "@/lib/db/schema";
import { newId } from "@/lib/ids";
import { titleFromPrompt } from "@/lib/operations/images/persist";
import { hotScore } from "@/lib/ranking";
import { storage } from "@/lib/storage";
import type { ParsedTask, TaskOutput } from "./model";

// `persist: true` on a task: each output becomes a public gallery asset of its owner, created in
// the same transaction that completes the task (so a lost race leaves no orphan asset).

export async function persistTaskOutputs(
  trx: Transaction<Database>,
  task: ParsedTask,
  outputs: TaskOutput[],
): Promise<TaskOutput[]> {
  const createdAt = nowIso();
  const { prompt, params } = task.inputData;
  const tags = [...new Set(params.tags ?? [])];
  const out: TaskOutput[] = [];
  const rows: NewAsset[] = [];
  for (const o of outputs) {
    const width = o.width ?? 720;
    const height = o.height ?? 1280;
    const cover = o.type === "video" ? (o.thumbnailKey ?? null) : o.key;
    if (!cover) {
      out.push(o);
      continue;
    }
    const id = newId("ast_");
    rows.push({
      id,
      title: params.title ?? titleFromPrompt(prompt),
      type: o.type,
      coverUrl: storage.url(cover),
      videoUrl: o.type === "video" ? storage.url(o.key) : null,
      width,
      height,
      aspectRatio: Math.round((width / height) * 1e4) / 1e4,
      durationSec: o.durationSec,
      modelTag: task.modelSlug,
      tags: JSON.stringify(tags),
      prompt,
      ownerId: task.userId,
      views: 0,
      likes: 0,
      hotScore: hotScore({ likes: 0, views: 0, createdAt }),
      createdAt,
    });
    out.push({ ...o, assetId: id });
  }
  if (rows.length) {
    await trx.insertInto("assets").values(rows).execute();
    const tagRows = rows.flatMap((r) => tags.map((tag) => ({ assetId: r.id, tag })));
    if (tagRows.length) await trx.insertInto("asset_tags").values(tagRows).execute();
  }
  return out;
}
