import { z } from "zod";
import { intField, publishFields } from "@/lib/operations/fields";

// Request bodies of /v1/images/generations and /v1/images/edits (and their /api/ai twins).
// OpenAI's snake_case and the spec's camelCase are both accepted; parameters we do not know are
// kept and passed upstream untouched. Edits arrive as multipart text fields, hence the coercions.

export const MAX_PROMPT_CHARS = 32_000;

const common = {
  model: z.string().trim().min(1, "model 不能为空").max(200),
  prompt: z
    .string()
    .trim()
    .min(1, "prompt 不能为空")
    .max(MAX_PROMPT_CHARS, `prompt 最长 ${MAX_PROMPT_CHARS} 个字符`),
  n: intField.pipe(z.number().min(1, "n 至少为 1").max(10, "n 最多为 10")).optional(),
  size: z
    .string()
    .regex(/^(auto|\d{2,5}x\d{2,5})$/, "size 应为 auto 或 <宽>x<高>，如 1024x1024")
    .optional(),
  quality: z.string().trim().min(1).max(20).optional(),
  response_format: z.enum(["url", "b64_json"]).optional(),
  responseFormat: z.enum(["url", "b64_json"]).optional(),
  requestId: z.unknown().optional(),
  provider: z.string().trim().min(1).max(100).optional(),
  ...publishFields,
};

export const imageGenerationSchema = z.looseObject(common);
export const imageEditSchema = z.looseObject(common);
export type ImageRequest = z.infer<typeof imageGenerationSchema>;

/** Fields that belong to this app, never sent upstream. */
const APP_FIELDS = new Set(["requestId", "provider", "persist", "title", "tags", "responseFormat"]);
const CAMEL_TO_SNAKE: Record<string, string> = {
  responseFormat: "response_format",
  outputFormat: "output_format",
  outputCompression: "output_compression",
  inputFidelity: "input_fidelity",
  partialImages: "partial_images",
};

/**
 * The clean OpenAI request: app fields stripped, camelCase mapped, `model` = the upstream name,
 * everything else as the client sent it.
 */
export function upstreamImageParams(
  body: ImageRequest,
  upstreamModel: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined) continue;
    const snake = CAMEL_TO_SNAKE[key];
    if (snake && body[snake] === undefined) out[snake] = value;
    if (APP_FIELDS.has(key) || snake) continue;
    out[key] = value;
  }
  out.model = upstreamModel;
  return out;
}

export type ImageAnswerFormat = "url" | "b64_json" | "both";

/**
 * How the client wants images back. Asked: that. Not asked: both `b64_json` and `url` in each
 * item — current OpenAI image models always answer b64_json and clients built for them (the
 * Vercel AI SDK) read only that, while DALL·E-era clients read `url`.
 */
export const wantedFormat = (body: ImageRequest): ImageAnswerFormat =>
  body.response_format ?? body.responseFormat ?? "both";
