import { z } from "zod";
import { modelSlugSchema } from "@/lib/catalog/model-schemas";
import { ASPECT_RATIO, HEX_COLOR, MAX_MARGIN, UPSCALE_FACTORS } from "@/lib/operations/tools/plan";

// A workflow is data: an ordered list of steps, each a tool (or an image generation / edit) with
// its parameters and, optionally, the model to use (else the first enabled model that can). Shared
// by the admin API, the public list and the admin editor (no server-only).

export const WORKFLOW_STEP_KINDS = [
  "image.background",
  "image.outpaint",
  "image.upscale",
  "image.edit",
  "image.generate",
] as const;
export type WorkflowStepKind = (typeof WORKFLOW_STEP_KINDS)[number];

export const STEP_KIND_LABEL: Record<WorkflowStepKind, string> = {
  "image.background": "背景",
  "image.outpaint": "扩图",
  "image.upscale": "放大",
  "image.edit": "编辑",
  "image.generate": "生成",
};

const margin = z.number().int().min(0).max(MAX_MARGIN);
const size = z.string().regex(/^\d{2,5}x\d{2,5}$/, "尺寸须为 <宽>x<高>");
const prompt = z.string().trim().min(1, "提示词不能为空").max(4000);
const common = {
  model: modelSlugSchema.optional(),
  label: z.string().trim().min(1).max(40).optional(),
};

export const workflowStepSchema = z.discriminatedUnion("tool", [
  z.strictObject({
    tool: z.literal("image.upscale"),
    params: z
      .strictObject({
        scale: z
          .number()
          .refine((n) => (UPSCALE_FACTORS as readonly number[]).includes(n), "scale 只能是 2 或 4")
          .optional(),
        width: z.number().int().positive().optional(),
        height: z.number().int().positive().optional(),
      })
      .default({}),
    ...common,
  }),
  z.strictObject({
    tool: z.literal("image.outpaint"),
    params: z
      .strictObject({
        left: margin.optional(),
        right: margin.optional(),
        up: margin.optional(),
        down: margin.optional(),
        aspectRatio: z.string().regex(ASPECT_RATIO, "宽高比须为 宽:高，如 3:4").optional(),
        prompt: z.string().trim().max(4000).optional(),
        creativity: z.number().min(0).max(1).optional(),
      })
      .default({}),
    ...common,
  }),
  z.strictObject({
    tool: z.literal("image.background"),
    params: z.strictObject({
      mode: z.enum(["remove", "replace"]),
      color: z.string().regex(HEX_COLOR, "颜色须为 #RGB 或 #RRGGBB").optional(),
      prompt: z.string().trim().max(4000).optional(),
    }),
    ...common,
  }),
  z.strictObject({
    tool: z.literal("image.edit"),
    params: z.strictObject({ prompt, size: size.optional() }),
    ...common,
  }),
  z.strictObject({
    tool: z.literal("image.generate"),
    params: z.strictObject({ prompt, size: size.optional() }),
    ...common,
  }),
]);
export type WorkflowStep = z.output<typeof workflowStepSchema>;

export const workflowSlugSchema = z
  .string()
  .trim()
  .min(1, "slug 不能为空")
  .max(60)
  .regex(/^[a-z0-9][a-z0-9-]*$/, "slug 只能包含小写字母、数字和 -");

const fields = {
  slug: workflowSlugSchema,
  name: z.string().trim().min(1, "名称不能为空").max(60),
  description: z.string().trim().max(300),
  steps: z.array(workflowStepSchema).min(1, "至少一个步骤").max(8, "最多 8 个步骤"),
  enabled: z.boolean(),
  sort: z.number().int().min(-1_000_000).max(1_000_000),
};

export const workflowCreateSchema = z
  .strictObject(fields)
  .partial()
  .required({ slug: true, name: true, steps: true });
export const workflowUpdateSchema = z.strictObject(fields).partial();
export type WorkflowCreate = z.input<typeof workflowCreateSchema>;

/** A workflow as the API shows it. */
export type WorkflowView = {
  id: string;
  slug: string;
  name: string;
  description: string;
  steps: WorkflowStep[];
  enabled: boolean;
  sort: number;
  builtin: boolean;
  createdAt: string;
  updatedAt: string;
};
