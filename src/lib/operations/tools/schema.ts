import { z } from "zod";
import type { ToolOperation } from "@/lib/operations/registry";
import type { ToolRequest } from "./plan";

// Request bodies of /v1/images/upscale|outpaint|background (and their /api/ai twins), as JSON or
// as multipart text fields (hence the coercions). snake_case and camelCase are both accepted.
// The picture is a file part `image` (multipart) or `image` as a URL: http(s), a data: URL, or
// one of this app's own media URLs (a generation, a gallery work). Fields not listed are ignored.

const fromText = <T extends z.ZodType>(schema: T, parse: (v: string) => unknown) =>
  z.preprocess((v) => (typeof v === "string" ? parse(v) : v), schema);

const int = fromText(z.number().int("必须是整数"), (v) =>
  /^-?\d+$/.test(v.trim()) ? Number(v) : v,
);
const num = fromText(z.number().finite(), (v) => (v.trim() && !isNaN(Number(v)) ? Number(v) : v));
const bool = fromText(z.boolean(), (v) =>
  v === "true" || v === "1" ? true : v === "false" || v === "0" ? false : v,
);
const format = z.enum(["png", "jpeg", "webp"], { error: "output_format 只能是 png、jpeg 或 webp" });
const answer = z.enum(["url", "b64_json"], { error: "response_format 只能是 url 或 b64_json" });

/** A picture named by URL (the file part is read separately). */
export const imageRef = z.string().trim().min(1, "image 不能为空").max(20_000_000);

const common = {
  model: z.string().trim().min(1, "model 不能为空").max(200).optional(),
  image: imageRef.optional(),
  requestId: z.unknown().optional(),
  provider: z.string().trim().min(1).max(100).optional(),
  persist: bool.optional(),
  title: z.string().trim().min(1).max(120).optional(),
  tags: z
    .preprocess(
      (v) =>
        typeof v === "string"
          ? v
              .split(",")
              .map((t) => t.trim())
              .filter(Boolean)
          : v,
      z.array(z.string().trim().min(1).max(30)).max(10, "最多 10 个标签"),
    )
    .optional(),
  response_format: answer.optional(),
  responseFormat: answer.optional(),
  output_format: format.optional(),
  outputFormat: format.optional(),
  /** Task-mode tools: wait for the result (up to AI_TIMEOUT_MS) instead of answering 202. */
  wait: bool.optional(),
  project_id: z.string().trim().min(1).max(100).optional(),
  projectId: z.string().trim().min(1).max(100).optional(),
  n: int.pipe(z.literal(1, { error: "图片工具每次只处理一张图片（n 只能是 1）" })).optional(),
};

const margin = int.pipe(z.number().min(0, "不能小于 0").max(2000, "不能超过 2000"));

export const upscaleSchema = z.looseObject({
  ...common,
  scale: int.optional(),
  width: int.pipe(z.number().min(1)).optional(),
  height: int.pipe(z.number().min(1)).optional(),
});

export const outpaintSchema = z.looseObject({
  ...common,
  left: margin.optional(),
  right: margin.optional(),
  up: margin.optional(),
  down: margin.optional(),
  aspect_ratio: z.string().trim().max(10).optional(),
  aspectRatio: z.string().trim().max(10).optional(),
  prompt: z.string().trim().max(10_000, "prompt 最长 10000 个字符").optional(),
  creativity: num.pipe(z.number().min(0, "须在 0–1 之间").max(1, "须在 0–1 之间")).optional(),
});

export const backgroundSchema = z.looseObject({
  ...common,
  mode: z.enum(["remove", "replace"], { error: "mode 只能是 remove 或 replace" }),
  prompt: z.string().trim().max(10_000, "prompt 最长 10000 个字符").optional(),
  color: z.string().trim().max(20).optional(),
  /** A backdrop picture by URL (or a file part named `background`). */
  background: imageRef.optional(),
});

export type ToolBody =
  z.infer<typeof upscaleSchema> | z.infer<typeof outpaintSchema> | z.infer<typeof backgroundSchema>;

export const TOOL_SCHEMAS = {
  "image.upscale": upscaleSchema,
  "image.outpaint": outpaintSchema,
  "image.background": backgroundSchema,
} as const satisfies Record<ToolOperation, z.ZodType>;

/** The body as the plan's request (pure parameters only). */
export function toolRequest(
  op: ToolOperation,
  body: Record<string, unknown>,
  hasBackgroundImage: boolean,
): ToolRequest {
  if (op === "image.upscale") {
    const b = body as z.infer<typeof upscaleSchema>;
    return { op, scale: b.scale, width: b.width, height: b.height };
  }
  if (op === "image.outpaint") {
    const b = body as z.infer<typeof outpaintSchema>;
    return {
      op,
      left: b.left,
      right: b.right,
      up: b.up,
      down: b.down,
      aspectRatio: b.aspect_ratio ?? b.aspectRatio,
      creativity: b.creativity,
      prompt: b.prompt,
    };
  }
  const b = body as z.infer<typeof backgroundSchema>;
  return {
    op,
    mode: b.mode,
    color: b.color,
    prompt: b.prompt,
    backgroundImage: hasBackgroundImage,
  };
}
