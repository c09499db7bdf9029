import "server-only";
import type { ChatCompletion } from "openai/resources/chat/completions";
import { json, readJson } from "@/lib/api/handler";
import { z } from "zod";
import { runBilled } from "@/lib/gateway/charge";
import { type AiCall, adoptRequestId, CLIENT_ABORTED } from "@/lib/gateway/call";
import { getConversationOrThrow } from "@/lib/conversations/repo";
import { lastUserText, recordTurn, type TurnInput } from "@/lib/conversations/record";
import { ApiError } from "@/lib/errors";
import {
  type ChatRequest,
  chatRequestSchema,
  normalizeChatBody,
  upstreamChatParams,
} from "./schema";
import { applyCap, holdChat, planChat } from "./prepare";
import { chatEncoder, streamChat } from "./stream";
import { chatCharge } from "@/lib/pricing/compute";
import { upstreamShape } from "@/lib/providers/errors";
import { postJson, type Wire } from "@/lib/providers/wire";
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

/** A non-streamed completion from the provider (no SDK: see wire.ts), in the shape we read. */
export async function upstreamCompletion(
  call: AiCall,
  wire: Wire,
  params: object,
  signal: AbortSignal,
): Promise<ChatCompletion> {
  const answer = await postJson<unknown>(wire, "/chat/completions", params, signal);
  return upstreamShape(completionShape, answer, call.upstream!) as unknown as ChatCompletion;
}

export async function chatCompletion(call: AiCall): Promise<Response> {
  // readJson's default limit is derived from CHAT_MAX_CHARS: a few MB, read while streaming in.
  const body = chatRequestSchema.parse(normalizeChatBody(await readJson(call.req)));
  adoptRequestId(call, body.requestId);
  const turn = await conversationTurn(call, body);
  const planned = await planChat(call, {
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
  const { model, wire, promptTokens } = planned;
  const request = upstreamChatParams(body, model.upstreamModel);
  const { charge, plan } = await holdChat(call, planned);
  const params = applyCap(request, plan);

  if (body.stream) {
    return streamChat(call, charge, {
      wire,
      params,
      promptTokens,
      encoder: chatEncoder(call, body.stream_options?.include_usage === true),
      onFinish: turn
        ? (end) =>
            turn({
              reply: end.text,
              finishReason: end.finishReason,
              state:
                end.status === "success"
                  ? "done"
                  : end.status === CLIENT_ABORTED
                    ? "stopped"
                    : "failed",
              credits: end.credits,
            })
        : undefined,
    });
  }

  const hold = plan.hold;
  let charged = 0;
  const completion = await runBilled(call, charge, async (signal) => {
    const c = await upstreamCompletion(call, wire, params, signal);
    const tokensIn = c.usage?.prompt_tokens ?? promptTokens;
    const tokensOut =
      c.usage?.completion_tokens ?? (await countTextTokens(completionText(c), model.upstreamModel));
    charged = chatCharge(
      model.pricing,
      { promptTokens: tokensIn, completionTokens: tokensOut },
      hold,
    );
    return {
      value: c,
      credits: charged,
      tokensIn,
      tokensOut,
      finishReason: c.choices[0]?.finish_reason ?? null,
    };
  });
  if (turn)
    await turn({
      reply: completion.choices[0]?.message?.content ?? "",
      finishReason: completion.choices[0]?.finish_reason ?? null,
      state: "done",
      credits: charged,
    });
  return json({ ...completion, model: model.slug });
}

type TurnEnd = Pick<TurnInput, "reply" | "finishReason" | "state" | "credits">;

/**
 * For a request that names a stored conversation: checks it is the caller's (404 before any
 * hold) and returns how to record this turn once it is billed.
 */
async function conversationTurn(
  call: AiCall,
  body: ChatRequest,
): Promise<((end: TurnEnd) => Promise<void>) | null> {
  if (!body.conversationId) return null;
  await getConversationOrThrow({ id: body.conversationId, ownerId: call.user.id });
  const prompt = lastUserText(body.messages);
  if (prompt === null)
    throw new ApiError("invalid_request", "保存到对话时，最后一条消息必须是用户消息", {
      param: "messages",
    });
  const conversationId = body.conversationId;
  return (end) =>
    recordTurn({
      ...end,
      conversationId,
      userId: call.user.id,
      prompt,
      modelSlug: call.model!.slug,
      requestId: call.requestId,
    });
}
