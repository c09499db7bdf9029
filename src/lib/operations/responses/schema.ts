import { z } from "zod";

// POST /v1/responses as clients send it (the OpenAI Responses API, text only). The top level is
// checked here; `input` items, `tools` and `tool_choice` are checked while they are translated
// (translate.ts), where each error can name the exact item. Fields that only make sense on
// OpenAI's own servers (background, conversation, prompt templates) are refused rather than
// silently ignored; other unknown fields are ignored (the upstream speaks Chat Completions).

const jsonSchemaFormat = z.looseObject({
  type: z.literal("json_schema"),
  name: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, "text.format.name 只能包含字母、数字、_ 和 -，最长 64")
    .optional(),
  schema: z.record(z.string(), z.unknown()),
  description: z.string().nullish(),
  strict: z.boolean().nullish(),
});

export const textFormatSchema = z.union(
  [
    z.looseObject({ type: z.literal("text") }),
    z.looseObject({ type: z.literal("json_object") }),
    jsonSchemaFormat,
  ],
  "text.format.type 须为 text、json_object 或 json_schema",
);

export const responsesRequestSchema = z.looseObject({
  model: z.string().trim().min(1, "model 不能为空").max(200),
  input: z.union([z.string(), z.array(z.unknown())], "input 须为字符串或条目数组").optional(),
  instructions: z.string().nullish(),
  previous_response_id: z.string().trim().min(1).max(200).nullish(),
  max_output_tokens: z.number().int().positive().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  top_logprobs: z.number().int().min(0).max(20).nullish(),
  tools: z.array(z.unknown()).max(128, "tools 最多 128 个").nullish(),
  tool_choice: z.unknown().optional(),
  parallel_tool_calls: z.boolean().nullish(),
  text: z
    .looseObject({
      format: textFormatSchema.nullish(),
      verbosity: z.enum(["low", "medium", "high"]).nullish(),
    })
    .nullish(),
  reasoning: z
    .looseObject({ effort: z.string().nullish(), summary: z.string().nullish() })
    .nullish(),
  include: z.array(z.string()).nullish(),
  metadata: z.record(z.string().max(64), z.string().max(512)).nullish(),
  store: z.boolean().nullish(),
  stream: z.boolean().nullish(),
  user: z.string().max(256).nullish(),
  safety_identifier: z.string().max(256).nullish(),
  prompt_cache_key: z.string().max(256).nullish(),
  service_tier: z.string().max(32).nullish(),
  truncation: z.enum(["auto", "disabled"]).nullish(),
  background: z.literal(false, "不支持 background 模式").nullish(),
  conversation: z.null("不支持 conversation，请使用 previous_response_id").optional(),
  prompt: z.null("不支持提示词模板（prompt）").optional(),
  requestId: z.unknown().optional(),
  provider: z.string().trim().min(1).max(100).nullish(),
});

export type ResponsesRequest = z.infer<typeof responsesRequestSchema>;
export type TextFormat = z.infer<typeof textFormatSchema>;
