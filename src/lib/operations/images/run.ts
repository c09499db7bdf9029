import "server-only";
import { createReadStream } from "node:fs";
import type OpenAI from "openai";
import { toFile } from "openai";
import type {
  ImageEditParamsNonStreaming,
  ImageGenerateParamsNonStreaming,
  ImagesResponse,
} from "openai/resources/images";
import { z } from "zod";
import { json, readJson, SMALL_JSON_MAX_BYTES } from "@/lib/api/handler";
import { ApiError } from "@/lib/errors";
import { publicOrigin } from "@/lib/media/urls";
import { storage } from "@/lib/storage";
import { type Upload, withUpload } from "@/lib/uploads";
import { billedCall } from "@/lib/gateway/charge";
import { holdGuards } from "@/lib/gateway/guards";
import { type AiCall, resolveFor, adoptRequestId } from "@/lib/gateway/call";
import { clientForRow } from "@/lib/providers/client";
import { upstreamShape } from "@/lib/providers/errors";
import { persistImages } from "./persist";
import {
  type ImageAnswerFormat,
  type ImageRequest,
  imageEditSchema,
  imageGenerationSchema,
  upstreamImageParams,
  wantedFormat,
} from "./schemas";
import {
  discardImages,
  providerRef,
  type StoredImage,
  storeProviderImages,
} from "@/lib/media/results";
import { imageCharge, imageCost, type ImageOperation } from "@/lib/pricing/compute";
import type { AiModelView } from "@/lib/catalog/views";
import type { ProviderRow } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { discardInputs, storeUploadedInput } from "@/lib/media/inputs";
import { taskAdapterFor } from "@/lib/providers/registry";
import { cancelTask } from "@/lib/tasks/cancel";
import { createTask } from "@/lib/tasks/create";
import type { TaskParams } from "@/lib/tasks/model";
import { completedByRequest, getTask } from "@/lib/tasks/repo";
import { syncTaskRecorder } from "@/lib/tasks/sync";
import { waitForTask } from "@/lib/tasks/wait";
import { imagesFromTask } from "./replay";

// POST /v1/images/generations|edits and their /api/ai twins (one handler each):
// validate → resolve model → hold n × price → provider call → store every image → settle for
// the images returned → OpenAI ImagesResponse with our own media URLs (or b64_json).

// What an ImagesResponse must look like before we read it; anything else is a 502.
const imagesShape = z.looseObject({
  created: z.number().optional(),
  data: z
    .array(
      z.looseObject({
        b64_json: z.string().nullish(),
        url: z.string().nullish(),
        revised_prompt: z.string().nullish(),
      }),
    )
    .nullish(),
});

type Invoke = (
  client: OpenAI,
  params: Record<string, unknown>,
  signal: AbortSignal,
) => Promise<ImagesResponse>;

export async function generateImages(call: AiCall): Promise<Response> {
  const body = imageGenerationSchema.parse(await readJson(call.req, SMALL_JSON_MAX_BYTES));
  return runImages(call, body, "image.generate", (client, params, signal) =>
    client.images.generate(params as unknown as ImageGenerateParamsNonStreaming, { signal }),
  );
}

export async function editImages(call: AiCall): Promise<Response> {
  return withUpload(call.req, async (upload) => {
    const fields = Object.fromEntries(upload.fields);
    // A text part named like a file part must not travel upstream as a parameter.
    for (const name of ["image", "image[]", "mask"]) delete fields[name];
    const body = imageEditSchema.parse(fields);
    return runImages(
      call,
      body,
      "image.edit",
      async (client, params, signal) => {
        const { image, mask } = await uploadFiles(upload);
        const edit = {
          ...params,
          image: image.length === 1 ? image[0] : image,
          ...(mask ? { mask } : {}),
        };
        return client.images.edit(edit as unknown as ImageEditParamsNonStreaming, { signal });
      },
      upload,
    );
  });
}

/** Upload files as SDK files. toFile reads them into memory, so SDK retries can resend them. */
async function uploadFiles(upload: Upload) {
  const file = (img: Upload["images"][number], name: string) =>
    toFile(createReadStream(img.path), `${name}.${img.ext}`, { type: img.mime });
  const image = await Promise.all(upload.images.map((img, i) => file(img, `image-${i + 1}`)));
  const mask = upload.mask ? await file(upload.mask, "mask") : null;
  return { image, mask };
}

async function runImages(
  call: AiCall,
  body: ImageRequest,
  operation: ImageOperation,
  invoke: Invoke,
  upload: Upload | null = null,
): Promise<Response> {
  const requestId = adoptRequestId(call, body.requestId);
  // A requestId that already completed replays its stored answer: no charge, no upstream call.
  const replay = await completedByRequest(call.user.id, requestId, operation);
  if (replay) {
    call.finished = true;
    return json(await imagesFromTask(call.req, replay));
  }
  const { model, provider, providerRow } = await resolveFor(call, body.model, body.provider);
  const n = body.n ?? 1;
  const priced = { size: body.size ?? null, quality: body.quality ?? null };
  const hold = imageCost(model.pricing, operation, { n, ...priced });
  const format = wantedFormat(body);
  const params: TaskParams = {
    n,
    ...(body.size ? { size: body.size } : {}),
    ...(body.quality ? { quality: body.quality } : {}),
    ...(body.persist ? { persist: true } : {}),
    ...(body.title ? { title: body.title } : {}),
    ...(body.tags?.length ? { tags: body.tags } : {}),
  };
  if (taskAdapterFor(providerRow.kind, operation))
    return runImageTask(call, {
      body,
      operation,
      model,
      providerRow,
      hold,
      params,
      format,
      upload,
    });

  const upstreamParams = upstreamImageParams(body, model.upstreamModel);
  const client = clientForRow(providerRow);
  let answered: { created: number; images: StoredImage[]; assetIds: string[] | null } | null = null;
  const record = syncTaskRecorder({
    userId: call.user.id,
    kind: operation,
    requestId,
    modelSlug: model.slug,
    providerSlug: provider.slug,
    providerId: providerRow.id,
    upstreamModel: model.upstreamModel,
    held: hold,
    startedAt: new Date(Date.now() - (performance.now() - call.started)).toISOString(),
    input: () => ({
      prompt: body.prompt,
      params,
      media: [],
      reply: { created: answered?.created ?? 0, format },
    }),
    outputs: () =>
      (answered?.images ?? []).map((img, i) => ({
        key: img.key,
        type: "image" as const,
        contentType: img.contentType,
        bytes: img.bytes.length,
        width: img.width,
        height: img.height,
        durationSec: null,
        thumbnailKey: null,
        revisedPrompt: img.revisedPrompt,
        assetId: answered?.assetIds?.[i] ?? null,
      })),
  });

  const result = await billedCall(
    call,
    hold,
    async (signal) => {
      const answer = upstreamShape(
        imagesShape,
        await invoke(client, upstreamParams, signal),
        call.upstream!,
      );
      // More than n is the provider's generosity: neither stored nor charged.
      const images = await storeProviderImages(
        (answer.data ?? []).slice(0, n),
        providerRef(providerRow),
      );
      if (!images.length)
        throw new ApiError("upstream_error", `上游服务 ${provider.slug} 没有返回图片`, {
          provider: provider.slug,
        });
      let assetIds: string[] | null = null;
      if (body.persist) {
        try {
          assetIds = await persistImages(images, {
            ownerId: call.user.id,
            prompt: body.prompt,
            modelTag: model.displayName || model.slug,
            modelSlug: model.slug,
            params: priced,
            title: body.title,
            tags: body.tags,
          });
        } catch (err) {
          await discardImages(images);
          throw err;
        }
      }
      answered = { created: answer.created ?? Math.floor(Date.now() / 1000), images, assetIds };
      return {
        value: answered,
        credits: imageCharge(
          model.pricing,
          operation,
          { returned: images.length, ...priced },
          hold,
        ),
        // The daily image quota counts the images delivered, not the ones asked for.
        meta: { requested: n, returned: images.length, quotaUnits: images.length },
      };
    },
    { n, size: priced.size, quality: priced.quality },
    record,
  );
  return json(imagesResponse(call.req, result.created, result.images, result.assetIds, format));
}

/**
 * An image model on a task-based provider: the call submits a task (hold + row in one
 * transaction) and waits for it, up to AI_TIMEOUT_MS; the task is the call's record. A wait
 * that runs out cancels the task (refund) and answers 504.
 */
async function runImageTask(
  call: AiCall,
  t: {
    body: ImageRequest;
    operation: ImageOperation;
    model: AiModelView;
    providerRow: ProviderRow;
    hold: number;
    params: TaskParams;
    format: ImageAnswerFormat;
    upload: Upload | null;
  },
): Promise<Response> {
  const media = t.upload?.images[0] ? [await storeUploadedInput(t.upload.images[0], "image")] : [];
  let task;
  try {
    task = await createTask({
      userId: call.user.id,
      kind: t.operation,
      requestId: call.requestId,
      model: t.model,
      providerRow: t.providerRow,
      hold: t.hold,
      guards: await holdGuards(call, { n: t.params.n }),
      input: {
        prompt: t.body.prompt,
        params: t.params,
        media: media.map((m) => ({ key: m.key, mime: m.mime, width: m.width, height: m.height })),
        reply: { created: 0, format: t.format },
      },
    });
  } catch (err) {
    await discardInputs(media);
    throw err;
  }
  call.finished = true;
  let done = await waitForTask(task.id, env.AI_TIMEOUT_MS);
  if (!done) {
    await cancelTask(task, "user").catch(() => undefined);
    done = await getTask(task.id);
    if (done?.status !== "completed")
      throw new ApiError("upstream_timeout", `上游服务 ${t.providerRow.slug} 响应超时`, {
        provider: t.providerRow.slug,
      });
  }
  if (done.status !== "completed")
    throw new ApiError("upstream_error", done.errorData?.message ?? "生成失败", {
      provider: t.providerRow.slug,
    });
  return json(await imagesFromTask(call.req, done));
}

function imagesResponse(
  req: Request,
  created: number | undefined,
  images: StoredImage[],
  assetIds: string[] | null,
  format: ImageAnswerFormat,
) {
  const origin = publicOrigin(req);
  return {
    created: created ?? Math.floor(Date.now() / 1000),
    data: images.map((img, i) => ({
      ...(format !== "url" ? { b64_json: img.bytes.toString("base64") } : {}),
      ...(format !== "b64_json" ? { url: `${origin}${storage.url(img.key)}` } : {}),
      ...(img.revisedPrompt ? { revised_prompt: img.revisedPrompt } : {}),
      ...(assetIds ? { assetId: assetIds[i] } : {}),
    })),
  };
}
