import "server-only";
import type { ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import { z } from "zod";
import { json, readJson } from "@/lib/api/handler";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/errors";
import { billedCall, openCharge } from "@/lib/gateway/charge";
import { type AiCall, resolveFor, adoptRequestId } from "@/lib/gateway/call";
import { chatRequestSchema, normalizeChatBody, upstreamChatParams } from "./schema";
import { streamChat } from "./stream";
import { clientForRow } from "@/lib/providers/client";
import { upstreamShape } from "@/lib/providers/errors";
import { chatCharge, chatHold, chatMaxOut } from "@/lib/pricing/compute";
import {
  countTextTokens,
  estimatePromptTokens,
  messageChars,
  type PromptMessage,
} from "@/lib/gateway/tokens";

// POST /v1/chat/completions and /api/ai/chat/completions (one handler):
// validate → resolve model → estimate and hold → provider call → settle/refund → OpenAI answer.

const largest = (...values: (number | null | undefined)[]): number | undefined => {
  const given = values.filter((v): v is number => typeof v === "number");
  return given.length ? Math.max(...given) : undefined;
};

// What a non-streamed answer must look like before we read it; anything else is the provider's
// failure (502), not a crash of ours.
const completionShape = z.looseObject({
  choices: z.array(
    z.looseObject({
      message: z.looseObject({ content: z.string().nullish() }).nullish(),
      finish_reason: z.string().nullish(),
    }),
  ),
  usage: z
    .looseObject({
      prompt_tokens: z.number().nonnegative().optional(),
      completion_tokens: z.number().nonnegative().optional(),
    })
    .nullish(),
});

export async function chatCompletion(call: AiCall): Promise<Response> {
  // readJson's default limit is derived from CHAT_MAX_CHARS: a few MB, read while streaming in.
  const body = chatRequestSchema.parse(normalizeChatBody(await readJson(call.req)));
  adoptRequestId(call, body.requestId);
  const messages = body.messages as PromptMessage[];
  if (messageChars(messages) > env.CHAT_MAX_CHARS) {
    throw new ApiError("payload_too_large", `消息总长度超过 ${env.CHAT_MAX_CHARS} 个字符`, {
      param: "messages",
    });
  }

  const { model, providerRow } = await resolveFor(call, body.model, body.provider);
  if (body.stream && !model.supportsStream) {
    throw new ApiError("invalid_request", `模型 ${model.slug} 不支持流式输出`, { param: "stream" });
  }
  const promptTokens = await estimatePromptTokens(messages, model.upstreamModel, body.tools);
  if (promptTokens > model.contextWindow) {
    throw new ApiError(
      "invalid_request",
      `消息约 ${promptTokens} tokens，超出模型上下文窗口 ${model.contextWindow}`,
      { param: "messages" },
    );
  }
  const maxOut = chatMaxOut({
    // Providers honour either field (max_completion_tokens wins on OpenAI's newer models): hold
    // for the larger, or a client could be held for 1 token and served 4,000.
    maxTokens: largest(body.max_tokens, body.max_completion_tokens),
    promptTokens,
    contextWindow: model.contextWindow,
    defaultMaxTokens: env.CHAT_DEFAULT_MAX_TOKENS,
  });
  const hold = chatHold(model.pricing, { promptTokens, maxOut, n: body.n ?? 1 });
  const params = upstreamChatParams(body, model.upstreamModel);
  const client = clientForRow(providerRow);

  if (body.stream) {
    const charge = await openCharge(call, hold, { promptTokens, maxOut });
    return streamChat(call, charge, {
      client,
      params,
      promptTokens,
      wantsUsage: body.stream_options?.include_usage === true,
    });
  }

  const completion = await billedCall(
    call,
    hold,
    async (signal) => {
      const c = upstreamShape(
        completionShape,
        await client.chat.completions.create(
          params as unknown as ChatCompletionCreateParamsNonStreaming,
          { signal },
        ),
        call.upstream!,
      );
      const tokensIn = c.usage?.prompt_tokens ?? promptTokens;
      const tokensOut =
        c.usage?.completion_tokens ??
        (await countTextTokens(
          c.choices.map((ch) => ch.message?.content ?? "").join(""),
          model.upstreamModel,
        ));
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
