import "server-only";
import type OpenAI from "openai";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/errors";
import { type AiCall, resolveFor } from "@/lib/gateway/call";
import { estimatePromptTokens, messageChars, type PromptMessage } from "@/lib/gateway/tokens";
import type { AiModelView } from "@/lib/catalog/views";
import type { ProviderRow } from "@/lib/db/schema";
import { chatHold, chatMaxOut } from "@/lib/pricing/compute";
import { clientForRow } from "@/lib/providers/client";

// What a chat call (Chat Completions or the Responses API, which is served as chat) checks and
// prices before it may reach the provider: message limits, the model, its context window, the
// hold. The caller opens the charge and talks to the provider.

export type ChatPlan = {
  model: AiModelView;
  providerRow: ProviderRow;
  client: OpenAI;
  promptTokens: number;
  maxOut: number;
  hold: number;
};

export type ChatPlanInput = {
  model: string;
  provider?: string | null;
  messages: PromptMessage[];
  tools?: unknown;
  /** max_tokens / max_completion_tokens / max_output_tokens. */
  maxTokens?: number | null;
  n?: number | null;
  stream: boolean;
  /** The request field the messages came from, for error `param`s. */
  messagesParam?: string;
};

export async function planChat(call: AiCall, input: ChatPlanInput): Promise<ChatPlan> {
  const param = input.messagesParam ?? "messages";
  if (input.messages.length > env.CHAT_MAX_MESSAGES) {
    throw new ApiError("invalid_request", `消息最多 ${env.CHAT_MAX_MESSAGES} 条`, { param });
  }
  if (messageChars(input.messages) > env.CHAT_MAX_CHARS) {
    throw new ApiError("payload_too_large", `消息总长度超过 ${env.CHAT_MAX_CHARS} 个字符`, {
      param,
    });
  }
  const { model, providerRow } = await resolveFor(call, input.model, input.provider);
  if (input.stream && !model.supportsStream) {
    throw new ApiError("invalid_request", `模型 ${model.slug} 不支持流式输出`, { param: "stream" });
  }
  const promptTokens = await estimatePromptTokens(input.messages, model.upstreamModel, input.tools);
  if (promptTokens > model.contextWindow) {
    throw new ApiError(
      "invalid_request",
      `消息约 ${promptTokens} tokens，超出模型上下文窗口 ${model.contextWindow}`,
      { param },
    );
  }
  const maxOut = chatMaxOut({
    maxTokens: input.maxTokens,
    promptTokens,
    contextWindow: model.contextWindow,
    defaultMaxTokens: env.CHAT_DEFAULT_MAX_TOKENS,
  });
  const hold = chatHold(model.pricing, { promptTokens, maxOut, n: input.n ?? 1 });
  return { model, providerRow, client: clientForRow(providerRow), promptTokens, maxOut, hold };
}
