import "server-only";
import { createReadStream } from "node:fs";
import type OpenAI from "openai";
import { toFile } from "openai";
import type {
  ImageEditParamsNonStreaming,
  ImageGenerateParamsNonStreaming,
  ImagesResponse,
} from "openai/resources/images";
import { json, readJson } from "@/lib/api/handler";
import { ApiError } from "@/lib/errors";
import { publicOrigin } from "@/lib/media/urls";
import { storage } from "@/lib/storage";
import { type Upload, withUpload } from "@/lib/uploads";
import { billedCall } from "@/lib/gateway/charge";
import { type AiCall, resolveFor, adoptRequestId } from "@/lib/gateway/call";
import { clientForRow } from "@/lib/providers/client";
import { persistImages } from "./persist";
import {
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

// POST /v1/images/generations|edits and their /api/ai twins (one handler each):
// validate → resolve model → hold n × price → provider call → store every image → settle for
// the images returned → OpenAI ImagesResponse with our own media URLs (or b64_json).

type Invoke = (
  client: OpenAI,
  params: Record<string, unknown>,
  signal: AbortSignal,
) => Promise<ImagesResponse>;

export async function generateImages(call: AiCall): Promise<Response> {
  const body = imageGenerationSchema.parse(await readJson(call.req));
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
    return runImages(call, body, "image.edit", async (client, params, signal) => {
      const { image, mask } = await uploadFiles(upload);
      const edit = {
        ...params,
        image: image.length === 1 ? image[0] : image,
        ...(mask ? { mask } : {}),
      };
      return client.images.edit(edit as unknown as ImageEditParamsNonStreaming, { signal });
    });
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
): Promise<Response> {
  adoptRequestId(call, body.requestId);
  const { model, provider, providerRow } = await resolveFor(call, body.model, body.provider);
  const n = body.n ?? 1;
  const priced = { size: body.size ?? null, quality: body.quality ?? null };
  const hold = imageCost(model.pricing, operation, { n, ...priced });
  const params = upstreamImageParams(body, model.upstreamModel);
  const client = clientForRow(providerRow);

  const result = await billedCall(
    call,
    hold,
    async (signal) => {
      const answer = await invoke(client, params, signal);
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
            title: body.title,
            tags: body.tags,
          });
        } catch (err) {
          await discardImages(images);
          throw err;
        }
      }
      return {
        value: { created: answer.created, images, assetIds },
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
  );
  return json(
    imagesResponse(call.req, result.created, result.images, result.assetIds, wantedFormat(body)),
  );
}

function imagesResponse(
  req: Request,
  created: number | undefined,
  images: StoredImage[],
  assetIds: string[] | null,
  format: "url" | "b64_json",
) {
  const origin = publicOrigin(req);
  return {
    created: created ?? Math.floor(Date.now() / 1000),
    data: images.map((img, i) => ({
      ...(format === "b64_json"
        ? { b64_json: img.bytes.toString("base64") }
        : { url: `${origin}${storage.url(img.key)}` }),
      ...(img.revisedPrompt ? { revised_prompt: img.revisedPrompt } : {}),
      ...(assetIds ? { assetId: assetIds[i] } : {}),
    })),
  };
}
