import "server-only";
import { json, readJson } from "@/lib/api/handler";
import { db } from "@/lib/db";
import { ApiError } from "@/lib/errors";
import type { AiCall } from "@/lib/gateway/call";
import { serveStored } from "@/lib/media/serve";
import { deleteTask } from "@/lib/tasks/cancel";
import { parseTask } from "@/lib/tasks/model";
import { getTaskOrThrow } from "@/lib/tasks/repo";
import { toVideoObject } from "@/lib/tasks/views";
import { startVideoTask } from "./create";
import { contentSchema, videoListSchema, videoRemixSchema } from "./schema";

// GET/DELETE /v1/videos/{id}, GET /v1/videos, GET /v1/videos/{id}/content, POST …/remix.
// Every one is the owner's alone: anyone else's video is a 404, like one that never existed.

const OP = "video.generate";
const own = (call: AiCall, id: string) => getTaskOrThrow({ id, ownerId: call.user.id, kind: OP });

export async function retrieveVideo(call: AiCall, id: string): Promise<Response> {
  return json(toVideoObject(await own(call, id)));
}

export async function listVideos(call: AiCall): Promise<Response> {
  const q = videoListSchema.parse(Object.fromEntries(new URL(call.req.url).searchParams));
  const desc = q.order === "desc";
  let query = db
    .selectFrom("tasks")
    .selectAll()
    .where("userId", "=", call.user.id)
    .where("kind", "=", OP)
    .where("deletedAt", "is", null);
  if (q.after) {
    const anchor = await db
      .selectFrom("tasks")
      .select(["createdAt", "id"])
      .where("id", "=", q.after)
      .where("userId", "=", call.user.id)
      .executeTakeFirst();
    if (!anchor) throw new ApiError("invalid_request", "after 不是你的视频 id", { param: "after" });
    const cmp = desc ? "<" : ">";
    query = query.where((eb) =>
      eb.or([
        eb("createdAt", cmp, anchor.createdAt),
        eb.and([eb("createdAt", "=", anchor.createdAt), eb("id", cmp, anchor.id)]),
      ]),
    );
  }
  const dir = desc ? "desc" : "asc";
  const rows = await query
    .orderBy("createdAt", dir)
    .orderBy("id", dir)
    .limit(q.limit + 1)
    .execute();
  const data = rows.slice(0, q.limit).map((r) => toVideoObject(parseTask(r)));
  return json({
    object: "list",
    data,
    first_id: data[0]?.id ?? null,
    last_id: data[data.length - 1]?.id ?? null,
    has_more: rows.length > q.limit,
  });
}

export async function removeVideo(call: AiCall, id: string): Promise<Response> {
  await deleteTask(await own(call, id));
  return json({ id, object: "video.deleted", deleted: true });
}

export async function videoContent(call: AiCall, id: string): Promise<Response> {
  const { variant } = contentSchema.parse(Object.fromEntries(new URL(call.req.url).searchParams));
  const task = await own(call, id);
  const output = task.outputList.find((o) => o.type === "video");
  if (task.status !== "completed" || !output)
    throw new ApiError("not_found", "视频尚未生成完成", { param: "id" });
  const key = variant === "thumbnail" ? output.thumbnailKey : output.key;
  if (!key) throw new ApiError("not_found", "该视频没有缩略图", { param: "variant" });
  return serveStored(call.req, key, { cacheControl: "private, max-age=3600" });
}

export async function remixVideo(call: AiCall, id: string): Promise<Response> {
  const source = await own(call, id);
  const body = videoRemixSchema.parse(await readJson(call.req));
  if (source.status !== "completed")
    throw new ApiError("invalid_request", "只能基于已完成的视频进行 remix", { param: "id" });
  const p = source.inputData.params;
  const task = await startVideoTask(
    call,
    {
      model: source.modelSlug,
      prompt: body.prompt,
      seconds: String(p.seconds ?? 4) as "4",
      size: (p.size ?? "720x1280") as "720x1280",
      requestId: body.requestId,
    },
    // A new generation from the new prompt; providers that remix natively (the OpenAI wire)
    // continue the source job itself (see tasks/runner/step.ts).
    [],
    source,
  );
  return json(toVideoObject(task));
}
