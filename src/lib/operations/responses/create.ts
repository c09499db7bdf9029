import "server-only";
import { json, readJson } from "@/lib/api/handler";
import { ApiError } from "@/lib/errors";
import { runBilled } from "@/lib/gateway/charge";
import { type AiCall, adoptRequestId } from "@/lib/gateway/call";
import { countTextTokens, type PromptMessage } from "@/lib/gateway/tokens";
import { newId } from "@/lib/ids";
import { logger } from "@/lib/logger";
import { chatCharge } from "@/lib/pricing/compute";
import { completionText, upstreamCompletion } from "@/lib/operations/chat/completion";
import { applyCap, holdChat, planChat } from "@/lib/operations/chat/prepare";
import { normalizeChatBody } from "@/lib/operations/chat/schema";
import { streamChat } from "@/lib/operations/chat/stream";
import { ResponseEvents } from "./events";
import {
  completionOutput,
  endState,
  envelope,
  outputToMessages,
  type ResponseObject,
  responseUsage,
} from "./output";
import { responsesRequestSchema } from "./schema";
import { findOutputItem, loadResponse, saveResponse, storingEnabled } from "./store";
import {
  type ChatMessage,
  chatParams,
  chatTools,
  functionTools,
  inputToMessages,
  toolChoice,
} from "./translate";

// POST /v1/responses and /api/ai/responses (one handler): the Responses API served on any chat
// model by translating to Chat Completions upstream and back. Same checks, hold, settle, usage
// row and errors as chat (it bills as `chat`; the ledger meta says api: "responses").
//   validate → previous_response_id + input items (item_reference) → chat messages → plan and
//   hold → provider call (streamed as Responses events, or one Response) → settle → store.

const META = { api: "responses" };

export async function createResponse(call: AiCall): Promise<Response> {
  const body = responsesRequestSchema.parse(normalizeChatBody(await readJson(call.req)));
  adoptRequestId(call, body.requestId);
  if (body.input === undefined || (Array.isArray(body.input) && !body.input.length))
    throw new ApiError("invalid_request", "input 不能为空", { param: "input" });
  const tools = functionTools(body.tools);
  const choice = toolChoice(body.tool_choice);

  let history: ChatMessage[] = [];
  if (body.previous_response_id) {
    const prev = await loadResponse(call.user.id, body.previous_response_id);
    if (!prev)
      throw new ApiError(
        "invalid_request",
        `找不到上一个响应 ${body.previous_response_id}（不存在、已过期或未保存）`,
        { param: "previous_response_id" },
      );
    history = prev.history;
  }
  const input = await inputToMessages(body.input, (id) => findOutputItem(call.user.id, id));
  const conversation = [...history, ...input];
  const messages: ChatMessage[] = body.instructions
    ? [{ role: "system", content: body.instructions }, ...conversation]
    : conversation;

  const plan = await planChat(call, {
    model: body.model,
    provider: body.provider,
    messages: messages as PromptMessage[],
    tools: chatTools(tools),
    maxTokens: body.max_output_tokens,
    stream: !!body.stream,
    messagesParam: "input",
  });
  const { model, wire, promptTokens } = plan;
  const base = newId();
  const store = body.store !== false && storingEnabled();
  const head = envelope({ base, model: model.slug, body, tools, toolChoice: choice?.echo, store });
  const request = chatParams({
    body,
    upstreamModel: model.upstreamModel,
    messages,
    tools,
    toolChoice: choice,
  });
  // Nothing that can fail sits between the hold and the billed call (no hold is left behind).
  const { charge, plan: held } = await holdChat(call, plan, META);
  const hold = held.hold;
  // A balance-sized budget goes upstream as the output limit.
  const params = applyCap(request, held);
  const save = (final: ResponseObject) =>
    saveResponse({
      userId: call.user.id,
      history: [...conversation, ...outputToMessages(final.output)],
      body: final,
    });

  if (body.stream) {
    const encoder = new ResponseEvents({
      envelope: head,
      base,
      onComplete: async (final) => {
        if (!store) return;
        try {
          await save(final);
        } catch (err) {
          // The client already holds the answer and paid for it; only continuing it is lost.
          logger.error(
            { requestId: call.requestId, err: { message: (err as Error).message } },
            "response not stored",
          );
        }
      },
    });
    return streamChat(call, charge, { wire, params, promptTokens, encoder });
  }

  const final = await runBilled(call, charge, async (signal) => {
    const c = await upstreamCompletion(call, wire, params, signal);
    const tokensIn = c.usage?.prompt_tokens ?? promptTokens;
    const tokensOut =
      c.usage?.completion_tokens ?? (await countTextTokens(completionText(c), model.upstreamModel));
    const { output, finishReason } = completionOutput(c, base);
    const response: ResponseObject = {
      ...head,
      ...endState(finishReason),
      completed_at: Math.floor(Date.now() / 1000),
      error: null,
      output,
      usage: responseUsage({
        promptTokens: tokensIn,
        completionTokens: tokensOut,
        chat: c.usage,
      }),
    };
    // Stored before it is settled: a response that cannot be continued is refunded instead.
    if (store) await save(response);
    return {
      value: response,
      credits: chatCharge(
        model.pricing,
        { promptTokens: tokensIn, completionTokens: tokensOut },
        hold,
      ),
      tokensIn,
      tokensOut,
      finishReason,
      meta: META,
    };
  });
  return json(final);
}
