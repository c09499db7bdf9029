import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { sql } from "kysely";
import { json, readJson } from "@/lib/api/handler";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/errors";
import { adoptRequestId, type AiCall, resolveFor } from "@/lib/gateway/call";
import { holdGuards } from "@/lib/gateway/guards";
import {
  discardInputs,
  storeInputUrl,
  storeUploadedInput,
  type StoredInput,
} from "@/lib/media/inputs";
import { observeCall } from "@/lib/metrics";
import { videoCost } from "@/lib/pricing/compute";
import { taskAdapterFor } from "@/lib/providers/registry";
import { createTask } from "@/lib/tasks/create";
import type { ParsedTask } from "@/lib/tasks/model";
import { completedByRequest } from "@/lib/tasks/repo";
import { toVideoObject } from "@/lib/tasks/views";
import { uploadLimits } from "@/lib/uploads";
import { inspectImage } from "@/lib/uploads/inspect";
import { readMultipart, tooLarge } from "@/lib/uploads/multipart";
import { referenceUrl, type VideoCreate, videoCreateSchema } from "./schema";

// POST /v1/videos: validate (JSON or multipart) → model with video.generate on a provider that
// runs video tasks → price → reference image stored → hold + task row in one transaction →
// the video object, status "queued", at once. The runner does the rest.

const OP = "video.generate" as const;

/** The first enabled video model by sort order, for a create without `model` (as OpenAI defaults). */
async function defaultVideoModel(): Promise<string> {
  const row = await db
    .selectFrom("ai_models")
    .innerJoin("providers", "providers.id", "ai_models.providerId")
    .select("ai_models.slug")
    .where("ai_models.enabled", "=", 1)
    .where("providers.enabled", "=", 1)
    .where(sql<boolean>`"ai_models"."capabilities" like ${'%"video.generate"%'}`)
    .orderBy("ai_models.sort")
    .orderBy("ai_models.slug")
    .executeTakeFirst();
  if (!row) throw new ApiError("model_not_found", "没有可用的视频模型", { param: "model" });
  return row.slug;
}

type Upload = { fields: Record<string, string>; reference: StoredInput | null };

/** Parses the SDK's multipart form into a temp dir (removed whatever happens). */
async function withVideoForm<T>(req: Request, handle: (u: Upload) => Promise<T>): Promise<T> {
  const contentType = req.headers.get("content-type") ?? "";
  const limits = { ...uploadLimits(), maxFiles: 1 };
  if (Number(req.headers.get("content-length")) > limits.maxTotalBytes)
    throw tooLarge("请求体超过上限");
  if (!req.body) throw new ApiError("invalid_request", "缺少请求体");
  await fs.mkdir(env.tmpDir, { recursive: true });
  const dir = await fs.mkdtemp(path.join(env.tmpDir, "video-"));
  try {
    const body = Readable.fromWeb(req.body as unknown as NodeWebStream<Uint8Array>);
    const raw = await readMultipart(body, contentType, dir, limits, {
      input_reference: "input_reference",
    });
    const fields = Object.fromEntries(raw.fields);
    // Everything but the file is checked before the file is decoded or stored.
    videoCreateSchema.parse(fields);
    const file = raw.files[0];
    const reference = file
      ? await storeUploadedInput(await inspectImage(file, env.UPLOAD_MAX_PIXELS), "input_reference")
      : null;
    return await handle({ fields, reference });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

export async function createVideo(call: AiCall): Promise<Response> {
  const type = call.req.headers.get("content-type") ?? "";
  if (/^multipart\/form-data\b/i.test(type))
    return withVideoForm(call.req, ({ fields, reference }) => submit(call, fields, reference));
  return submit(call, await readJson(call.req), null);
}

async function submit(call: AiCall, raw: unknown, uploaded: StoredInput | null): Promise<Response> {
  const inputs = uploaded ? [uploaded] : [];
  try {
    const body = videoCreateSchema.parse(raw);
    const task = await startVideoTask(call, body, inputs, null);
    return json(toVideoObject(task));
  } catch (err) {
    await discardInputs(inputs);
    throw err;
  }
}

/**
 * The shared path of create and remix. A requestId that already completed replays its video
 * object (no new charge); a pending one is 409 (from the hold); a refunded one runs again.
 */
export async function startVideoTask(
  call: AiCall,
  body: Pick<
    VideoCreate,
    | "model"
    | "prompt"
    | "seconds"
    | "size"
    | "provider"
    | "persist"
    | "title"
    | "tags"
    | "requestId"
  > &
    Partial<VideoCreate>,
  inputs: StoredInput[],
  remixOf: ParsedTask | null,
): Promise<ParsedTask> {
  const requestId = adoptRequestId(call, body.requestId);
  const replay = await completedByRequest(call.user.id, requestId, OP);
  if (replay) {
    await discardInputs(inputs);
    return replay;
  }
  const { model, providerRow } = await resolveFor(
    call,
    body.model ?? (await defaultVideoModel()),
    body.provider,
  );
  if (!taskAdapterFor(providerRow.kind, OP))
    throw new ApiError("model_not_found", `模型 ${model.slug} 的服务商不支持视频任务`, {
      param: "model",
    });
  const ref = referenceUrl(body as VideoCreate);
  if (ref === "file_id")
    throw new ApiError("invalid_request", "不支持 file_id，请上传图片或提供 image_url", {
      param: "input_reference",
    });
  if (ref) inputs.push(await storeInputUrl(ref, "input_reference"));
  const seconds = Number(body.seconds);
  const hold = videoCost(model.pricing, { seconds, size: body.size });
  const task = await createTask({
    userId: call.user.id,
    kind: OP,
    requestId,
    model,
    providerRow,
    hold,
    guards: await holdGuards(call, { seconds }),
    remixOf: remixOf?.id ?? null,
    input: {
      prompt: body.prompt,
      params: {
        seconds,
        size: body.size,
        ...(body.persist ? { persist: true } : {}),
        ...(body.title ? { title: body.title } : {}),
        ...(body.tags?.length ? { tags: body.tags } : {}),
      },
      media: inputs.map((i) => ({ key: i.key, mime: i.mime, width: i.width, height: i.height })),
    },
  });
  // The request is done; the generation's usage row is written when the task finishes.
  call.finished = true;
  observeCall({
    operation: OP,
    model: model.slug,
    provider: providerRow.slug,
    status: "queued",
    seconds: (performance.now() - call.started) / 1000,
    credits: 0,
  });
  return task;
}
