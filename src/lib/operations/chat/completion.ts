import "server-only";
import type {
  ChatCompletion,
  ChatCompletionCreateParamsNonStreaming,
} from "openai/resources/chat/completions";
import { json, readJson } from "@/lib/api/handler";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/errors";
import { billedCall, openCharge } from "@/lib/gateway/charge";
import { type AiCall, adoptRequestId } from "@/lib/gateway/call";
import { chatRequestSchema, normalizeChatBody, upstreamChatParams } from "./schema";
import { planChat } from "./prepare";
import { chatEncoder, streamChat } from "./stream";
import { chatCharge } from "@/lib/pricing/compute";
import { countTextTokens, type PromptMessage } from "@/lib/gateway/tokens";

// POST /v1/chat/completions and /api/ai/chat/completions (one handler):
// validate → resolve model → estimate and hold → provider call → settle/refund → OpenAI answer.

// JSON escapes can take 6 bytes per character; the margin leaves room for the other fields.
export const MAX_CHAT_BODY_BYTES = env.CHAT_MAX_CHARS * 6 + 1024 * 1024;

export function checkChatBodySize(call: AiCall): void {
  const length = Number(call.req.headers.get("content-length") ?? 0);
  if (length > MAX_CHAT_BODY_BYTES) throw new ApiError("payload_too_large", "请求体过大");
}

/** What a finished completion produced, for billing when the provider reports no usage. */
export function completionText(c: ChatCompletion): string {
  return c.choices
    .map(
      (ch) =>
        (ch.message?.content ?? "") +
        (ch.message?.tool_calls ?? [])
          .map((tc) => (tc.type === "function" ? tc.function.arguments : ""))
          .join(""),
    )
    .join("");
}

export async function chatCompletion(call: AiCall): Promise<Response> {
  checkChatBodySize(call);
  const body = chatRequestSchema.parse(normalizeChatBody(await readJson(call.req)));
  adoptRequestId(call, body.requestId);
  const plan = await planChat(call, {
    model: body.model,
    provider: body.provider,
    messages: body.messages as PromptMessage[],
    tools: body.tools,
    maxTokens: body.max_tokens ?? body.max_completion_tokens,
    n: body.n,
    stream: !!body.stream,
  });
  const { model, client, promptTokens, maxOut, hold } = plan;
  const params = upstreamChatParams(body, model.upstreamModel);

  if (body.stream) {
    const charge = await openCharge(call, hold, { promptTokens, maxOut });
    return streamChat(call, charge, {
      client,
      params,
      promptTokens,
      encoder: chatEncoder(call, body.stream_options?.include_usage === true),
    });
  }

  const completion = await billedCall(
    call,
    hold,
    async (signal) => {
      const c: ChatCompletion = await client.chat.completions.create(
        params as unknown as ChatCompletionCreateParamsNonStreaming,
        { signal },
      );
      const tokensIn = c.usage?.prompt_tokens ?? promptTokens;
      const tokensOut =
        c.usage?.completion_tokens ??
        (await countTextTokens(completionText(c), model.upstreamModel));
      return {
        value: c,
        credits: chatCharge(
          model.pricing,
          { promptTokens: tokensIn, completionTokens: tokensOut },
          hold,
        ),
        tokensIn,
        tokensOut,
        finishReason: c.choices[0]?.finish_reason ?? null,
      };
    },
    { promptTokens, maxOut },
  );
  return json({ ...completion, model: model.slug });
}
