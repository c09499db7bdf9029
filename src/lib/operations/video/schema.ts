import { z } from "zod";
import { publishFields } from "@/lib/operations/fields";
import { MAX_PROMPT_CHARS } from "@/lib/operations/images/schemas";

// POST /v1/videos (and /api/ai/videos): the OpenAI Videos create body, as JSON or as the
// multipart form the official SDK sends (every value a string; an `input_reference` object
// arrives as `input_reference[image_url]`). Plus our requestId, provider, persist, title, tags.

export const VIDEO_SECONDS = ["4", "8", "12"] as const;
export const VIDEO_SIZES = ["720x1280", "1280x720", "1024x1792", "1792x1024"] as const;

const imageUrl = z.string().trim().min(1).max(20_000_000);

export const videoCreateSchema = z.looseObject({
  model: z.string().trim().min(1, "model 不能为空").max(200).optional(),
  prompt: z
    .string({ error: "prompt 不能为空" })
    .trim()
    .min(1, "prompt 不能为空")
    .max(MAX_PROMPT_CHARS, `prompt 最长 ${MAX_PROMPT_CHARS} 个字符`),
  seconds: z
    .preprocess(
      (v) => (typeof v === "number" ? String(v) : v),
      z.enum(VIDEO_SECONDS, { error: `seconds 只能是 ${VIDEO_SECONDS.join("、")}` }),
    )
    .default("4"),
  size: z.enum(VIDEO_SIZES, { error: `size 只能是 ${VIDEO_SIZES.join("、")}` }).default("720x1280"),
  input_reference: z
    .union([z.strictObject({ image_url: imageUrl }), z.strictObject({ file_id: z.string() })])
    .optional(),
  "input_reference[image_url]": imageUrl.optional(),
  "input_reference[file_id]": z.string().optional(),
  image_url: imageUrl.optional(),
  requestId: z.unknown().optional(),
  provider: z.string().trim().min(1).max(100).optional(),
  ...publishFields,
});
export type VideoCreate = z.infer<typeof videoCreateSchema>;

/** The reference image URL the body names, in any of its spellings. */
export function referenceUrl(body: VideoCreate): string | null {
  const ref = body.input_reference;
  if ((ref && "file_id" in ref) || body["input_reference[file_id]"] !== undefined) return "file_id";
  return (
    (ref && "image_url" in ref ? ref.image_url : null) ??
    body["input_reference[image_url]"] ??
    body.image_url ??
    null
  );
}

export const videoRemixSchema = z.looseObject({
  prompt: videoCreateSchema.shape.prompt,
  requestId: z.unknown().optional(),
});

export const videoListSchema = z.object({
  after: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  order: z.enum(["asc", "desc"]).default("desc"),
});

export const contentSchema = z.object({
  variant: z
    .enum(["video", "thumbnail"], { error: "variant 只能是 video 或 thumbnail" })
    .default("video"),
});
