import "server-only";
import { z } from "zod";
import { env } from "@/lib/env";

// A chat request as clients send it: OpenAI's snake_case or the spec's camelCase, plus the
// app-only fields `requestId` and `provider`. Unknown OpenAI parameters pass through untouched.

/** App-only fields: read by us, never sent upstream. */
export const APP_ONLY_FIELDS = ["requestId", "provider", "persist", "conversationId"] as const;

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function snakeKeys(
  input: Record<string, unknown>,
  keep: readonly string[] = [],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const to = keep.includes(key) ? key : snake(key);
    if (to !== key && to in input) continue;
    out[to] = value;
  }
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === "object" && !Array.isArray(v);

/**
 * camelCase top-level keys become snake_case (maxTokens → max_tokens, topP → top_p, …); when a
 * client sends both spellings the snake_case one wins. Message contents are never touched.
 */
export function normalizeChatBody(raw: unknown): unknown {
  if (!isRecord(raw)) return raw;
  const out = snakeKeys(raw, APP_ONLY_FIELDS);
  if (isRecord(out.stream_options)) out.stream_options = snakeKeys(out.stream_options);
  return out;
}

const contentPart = z.looseObject({ type: z.string().min(1) });

const message = z.looseObject({
  role: z.enum(
    ["system", "developer", "user", "assistant", "tool", "function"],
    "role 必须是 system/developer/user/assistant/tool/function",
  ),
  content: z.union([z.string(), z.array(contentPart), z.null()]).optional(),
  name: z.string().max(256).optional(),
});

const positiveInt = z.number().int().positive();

export const chatRequestSchema = z.looseObject({
  model: z.string().trim().min(1, "model 不能为空").max(200),
  messages: z
    .array(message)
    .min(1, "messages 不能为空")
    .max(env.CHAT_MAX_MESSAGES, `messages 最多 ${env.CHAT_MAX_MESSAGES} 条`),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  max_tokens: positiveInt.nullish(),
  max_completion_tokens: positiveInt.nullish(),
  n: z.number().int().min(1).max(16).nullish(),
  tools: z.array(z.unknown()).optional(),
  requestId: z.unknown().optional(),
  provider: z.string().trim().min(1).max(100).nullish(),
  persist: z.unknown().optional(),
  /** The site's stored conversation this turn belongs to (its turn is written when billed). */
  conversationId: z.string().min(1).max(100).nullish(),
});

export type ChatRequest = z.infer<typeof chatRequestSchema>;

/** The clean OpenAI request for the provider: app fields stripped, the upstream model name. */
export function upstreamChatParams(
  body: ChatRequest,
  upstreamModel: string,
): Record<string, unknown> {
  const params: Record<string, unknown> = { ...body, model: upstreamModel };
  for (const f of APP_ONLY_FIELDS) delete params[f];
  if (params.stream) {
    // Usage is always asked for: it is what the call is billed on.
    params.stream_options = { ...(body.stream_options ?? {}), include_usage: true };
  } else {
    delete params.stream;
    delete params.stream_options;
  }
  return params;
}
