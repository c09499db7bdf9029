import "server-only";
import type {
  ChatCompletion,
  ChatCompletionCreateParamsNonStreaming,
} from "openai/resources/chat/completions";
import { json, readJson } from "@/lib/api/handler";
import { z } from "zod";
import { billedCall, openCharge } from "@/lib/gateway/charge";
import { type AiCall, adoptRequestId } from "@/lib/gateway/call";
import { chatRequestSchema, normalizeChatBody, upstreamChatParams } from "./schema";
import { planChat } from "./prepare";
import { chatEncoder, streamChat } from "./stream";
import { chatCharge } from "@/lib/pricing/compute";
import { upstreamShape } from "@/lib/providers/errors";
import { countTextTokens, type PromptMessage } from "@/lib/gateway/tokens";

// POST /v1/chat/completions and /api/ai/chat/completions (one handler):
// validate → resolve model → estimate and hold → provider call → settle/refund → OpenAI answer.

/** The larger of the two output caps a client may send: providers honour either. */
export const largest = (...values: (number | null | undefined)[]): number | undefined => {
  const given = values.filter((v): v is number => typeof v === "number");
  return given.length ? Math.max(...given) : undefined;
};

// What a non-streamed answer must look like before we read it; anything else is the provider's
// failure (502), not a crash of ours.
export const completionShape = z.looseObject({
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
  // readJson's default limit is derived from CHAT_MAX_CHARS: a few MB, read while streaming in.
  const body = chatRequestSchema.parse(normalizeChatBody(await readJson(call.req)));
  adoptRequestId(call, body.requestId);
  const plan = await planChat(call, {
    model: body.model,
    provider: body.provider,
    messages: body.messages as PromptMessage[],
    tools: body.tools,
    // Providers honour either field (max_completion_tokens wins on OpenAI's newer models): hold
    // for the larger, or a client could be held for 1 token and served 4,000.
    maxTokens: largest(body.max_tokens, body.max_completion_tokens),
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
      const c = upstreamShape(
        completionShape,
        await client.chat.completions.create(
          params as unknown as ChatCompletionCreateParamsNonStreaming,
          { signal },
        ),
        call.upstream!,
      ) as unknown as ChatCompletion;
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
