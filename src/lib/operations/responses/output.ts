import type { ChatCompletion } from "openai/resources/chat/completions";
import type { CompletionUsage } from "openai/resources/completions";
import type {
  Response as OpenAiResponse,
  ResponseFunctionToolCall,
  ResponseOutputItem,
  ResponseOutputMessage,
  ResponseOutputText,
  ResponseUsage,
} from "openai/resources/responses/responses";
import type { ResponsesRequest } from "./schema";
import type { ChatMessage, FunctionTool } from "./translate";

// Chat Completions answer → Responses API objects. Pure. Typed against the official SDK's own
// types, so a field the SDKs read cannot go missing unnoticed.

/** A Response as the API sends it (`output_text` is added by the SDKs, not the wire). */
export type ResponseObject = Omit<OpenAiResponse, "output_text">;
export type OutputItem = ResponseOutputItem;
export type Logprob = ResponseOutputText.Logprob;

/**
 * Ids: `resp_{base}`, and for its output items `msg_{base}_{n}` / `fc_{base}_{n}`, so an
 * `item_reference` names the stored response it lives in.
 */
export const responseId = (base: string) => `resp_${base}`;
export const itemId = (base: string, kind: "msg" | "fc", index: number) =>
  `${kind}_${base}_${index}`;

/** The response id an output item id belongs to, or null when it is not one of ours. */
export function responseIdOfItem(id: string): string | null {
  const m = /^(?:msg|fc)_(.+)_\d+$/.exec(id);
  return m ? responseId(m[1]) : null;
}

export function responseUsage(u: {
  promptTokens: number;
  completionTokens: number;
  chat?: CompletionUsage | null;
}): ResponseUsage {
  return {
    input_tokens: u.promptTokens,
    input_tokens_details: {
      cached_tokens: u.chat?.prompt_tokens_details?.cached_tokens ?? 0,
    } as ResponseUsage.InputTokensDetails,
    output_tokens: u.completionTokens,
    output_tokens_details: {
      reasoning_tokens: u.chat?.completion_tokens_details?.reasoning_tokens ?? 0,
    },
    total_tokens: u.promptTokens + u.completionTokens,
  };
}

type ChatLogprob = {
  token: string;
  logprob: number;
  bytes?: number[] | null;
  top_logprobs?: { token: string; logprob: number; bytes?: number[] | null }[];
};

export function mapLogprobs(content: ChatLogprob[] | null | undefined): Logprob[] {
  return (content ?? []).map((l) => ({
    token: l.token,
    logprob: l.logprob,
    bytes: l.bytes ?? [],
    top_logprobs: (l.top_logprobs ?? []).map((t) => ({
      token: t.token,
      logprob: t.logprob,
      bytes: t.bytes ?? [],
    })),
  }));
}

export type Envelope = Omit<
  ResponseObject,
  "output" | "status" | "usage" | "incomplete_details" | "error"
>;

/** Everything about a response that is known before the provider answers. */
export function envelope(input: {
  base: string;
  model: string;
  body: ResponsesRequest;
  tools: FunctionTool[];
  toolChoice: unknown;
  store: boolean;
}): Envelope {
  const { body } = input;
  return {
    id: responseId(input.base),
    object: "response",
    created_at: Math.floor(Date.now() / 1000),
    background: false,
    completed_at: null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    metadata: body.metadata ?? {},
    model: input.model,
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: body.previous_response_id ?? null,
    reasoning: {
      effort: null,
      summary: null,
      ...(body.reasoning as object | undefined),
    } as ResponseObject["reasoning"],
    service_tier: "default",
    store: input.store,
    temperature: body.temperature ?? 1,
    text: {
      format: (body.text?.format ?? { type: "text" }) as NonNullable<
        ResponseObject["text"]
      >["format"],
      ...(body.text?.verbosity ? { verbosity: body.text.verbosity } : {}),
    },
    tool_choice: (input.toolChoice ?? "auto") as ResponseObject["tool_choice"],
    tools: input.tools as ResponseObject["tools"],
    top_logprobs: body.top_logprobs ?? 0,
    top_p: body.top_p ?? 1,
    truncation: body.truncation ?? "disabled",
    user: body.user ?? null,
    ...(body.safety_identifier ? { safety_identifier: body.safety_identifier } : {}),
    ...(body.prompt_cache_key ? { prompt_cache_key: body.prompt_cache_key } : {}),
  } as Envelope;
}

/** How a chat finish_reason ends a response. */
export function endState(
  finishReason: string | null,
): Pick<ResponseObject, "status" | "incomplete_details"> {
  if (finishReason === "length")
    return { status: "incomplete", incomplete_details: { reason: "max_output_tokens" } };
  if (finishReason === "content_filter")
    return { status: "incomplete", incomplete_details: { reason: "content_filter" } };
  return { status: "completed", incomplete_details: null };
}

export function messageOutput(
  id: string,
  parts: ResponseOutputMessage["content"],
  status: ResponseOutputMessage["status"],
): ResponseOutputMessage {
  return { id, type: "message", status, role: "assistant", content: parts };
}

export function functionCallOutput(
  id: string,
  call: { id: string; name: string; arguments: string },
  status: "in_progress" | "completed" | "incomplete",
): ResponseFunctionToolCall {
  return {
    id,
    type: "function_call",
    status,
    call_id: call.id,
    name: call.name,
    arguments: call.arguments,
  };
}

/** The output items of a (non-streamed) chat completion: its message, then its tool calls. */
export function completionOutput(
  c: ChatCompletion,
  base: string,
): {
  output: OutputItem[];
  finishReason: string | null;
} {
  const choice = c.choices?.[0];
  const message = choice?.message;
  const finishReason = choice?.finish_reason ?? null;
  const itemStatus = endState(finishReason).status === "completed" ? "completed" : "incomplete";
  const output: OutputItem[] = [];
  const parts: ResponseOutputMessage["content"] = [];
  if (message?.refusal) parts.push({ type: "refusal", refusal: message.refusal });
  const calls = (message?.tool_calls ?? []).filter((t) => t.type === "function");
  if (message?.content || (!calls.length && !parts.length))
    parts.push({
      type: "output_text",
      text: message?.content ?? "",
      annotations: [],
      logprobs: mapLogprobs(choice?.logprobs?.content as ChatLogprob[] | undefined),
    });
  if (parts.length)
    output.push(messageOutput(itemId(base, "msg", output.length), parts, itemStatus));
  for (const tc of calls)
    output.push(
      functionCallOutput(
        itemId(base, "fc", output.length),
        { id: tc.id, ...tc.function },
        "completed",
      ),
    );
  return { output, finishReason };
}

/** The output as the chat messages that continue the conversation (previous_response_id). */
export function outputToMessages(output: OutputItem[]): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (const item of output) {
    if (item.type === "message") {
      let text = "";
      let refusal = "";
      for (const p of item.content) {
        if (p.type === "output_text") text += p.text;
        else if (p.type === "refusal") refusal += p.refusal;
      }
      messages.push({
        role: "assistant",
        content: text || (refusal ? null : ""),
        ...(refusal ? { refusal } : {}),
      });
    } else if (item.type === "function_call") {
      const call = {
        id: item.call_id,
        type: "function" as const,
        function: { name: item.name, arguments: item.arguments },
      };
      const last = messages.at(-1);
      if (last?.role === "assistant") (last.tool_calls ??= []).push(call);
      else messages.push({ role: "assistant", content: null, tool_calls: [call] });
    }
  }
  return messages;
}
