import "server-only";
import { spendableCredits } from "@/lib/credits/history";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/errors";
import { type Charge, type ChargeRecord, openCharge } from "@/lib/gateway/charge";
import { type AiCall, resolveFor } from "@/lib/gateway/call";
import { withOperatorContact } from "@/lib/gateway/guards";
import { estimatePromptTokens, messageChars, type PromptMessage } from "@/lib/gateway/tokens";
import type { AiModelView } from "@/lib/catalog/views";
import type { ProviderRow } from "@/lib/db/schema";
import { affordableMaxOut, chatHold, chatMaxOut } from "@/lib/pricing/compute";
import { wireForRow } from "@/lib/providers/client";
import type { Wire } from "@/lib/providers/wire";
import { outputLimitField } from "./output-limit";

// What a chat call (Chat Completions or the Responses API, which is served as chat) checks and
// prices before it may reach the provider: message limits, the model, its context window, the
// hold. The caller opens the charge (holdChat) and talks to the provider.
//
// Holds people can afford (issue 17): a request that names no output limit is held for the
// largest budget the caller's balance covers — at most the default (CHAT_DEFAULT_MAX_TOKENS or
// what the context window leaves) — and that budget goes upstream as the output limit and back
// in the `x-aigc-max-tokens` header. Only when not even a one-token answer (at least the
// model's minCredits) fits is the call refused with 402. A client that names max_tokens is held
// for exactly that, as before.

/** The response header that reports an output budget the gateway chose for the caller. */
export const MAX_TOKENS_HEADER = "x-aigc-max-tokens";

export type ChatPlan = {
  model: AiModelView;
  providerRow: ProviderRow;
  /** The provider, reached without the SDK (providers/wire.ts). */
  wire: Wire;
  promptTokens: number;
  /** The output budget held for. */
  maxOut: number;
  hold: number;
  n: number;
  /** The budget when the balance capped it below the default (sent upstream), else null. */
  cap: number | null;
  /** The output budget the call would have without a balance cap. */
  fullMaxOut: number;
  /** Whether the client named max_tokens (then the hold is never resized). */
  clientLimit: boolean;
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
  const n = input.n ?? 1;
  const fullMaxOut = chatMaxOut({
    maxTokens: input.maxTokens,
    promptTokens,
    contextWindow: model.contextWindow,
    defaultMaxTokens: env.CHAT_DEFAULT_MAX_TOKENS,
  });
  const plan: ChatPlan = {
    model,
    providerRow,
    wire: wireForRow(providerRow),
    promptTokens,
    maxOut: fullMaxOut,
    hold: chatHold(model.pricing, { promptTokens, maxOut: fullMaxOut, n }),
    n,
    cap: null,
    fullMaxOut,
    clientLimit: input.maxTokens != null,
  };
  return plan;
}

type Spendable = { credits: number; balance: number };

/** fitToBalance with what the caller can spend now; a 402 names the operator contact. */
async function fitToSpendable(call: AiCall, plan: ChatPlan): Promise<ChatPlan> {
  try {
    return fitToBalance(plan, await spendableCredits(call.user.id, call.apiKey));
  } catch (err) {
    throw await withOperatorContact(err);
  }
}

/**
 * The plan sized to what the caller can spend (no-op for a client-named limit); 402 when not
 * even the minimum fits the balance. When it is the key's credit limit that leaves no room, the
 * minimum is held anyway so the ledger answers with the key's own limit error.
 */
export function fitToBalance(plan: ChatPlan, spendable: Spendable): ChatPlan {
  if (plan.clientLimit) return plan;
  const balance = spendable.balance;
  const { pricing } = plan.model;
  const fit = affordableMaxOut(pricing, {
    promptTokens: plan.promptTokens,
    maxOut: plan.fullMaxOut,
    n: plan.n,
    balance: spendable.credits,
  });
  if (fit === null && spendable.credits < balance) return resized(plan, 1);
  if (fit === null) {
    const least = chatHold(pricing, {
      promptTokens: plan.promptTokens,
      maxOut: Math.min(1, plan.fullMaxOut),
      n: plan.n,
    });
    throw new ApiError(
      "insufficient_credits",
      `积分不足：本次调用至少需要 ${least} 积分，当前余额 ${balance} 积分，还差 ${least - balance} 积分`,
    );
  }
  return resized(plan, fit);
}

function resized(plan: ChatPlan, maxOut: number): ChatPlan {
  const { pricing } = plan.model;
  return {
    ...plan,
    maxOut,
    hold: chatHold(pricing, { promptTokens: plan.promptTokens, maxOut, n: plan.n }),
    cap: maxOut < plan.fullMaxOut ? maxOut : null,
  };
}

/** Puts the balance cap (if any) on the upstream request. */
export function applyCap(params: Record<string, unknown>, plan: ChatPlan): Record<string, unknown> {
  if (plan.cap === null) return params;
  return { ...params, [outputLimitField(plan.model.upstreamModel)]: plan.cap };
}

/**
 * Holds the plan's credits. The full budget is tried first — the common case, and it costs no
 * balance read. When the balance (or the key's credit limit) cannot cover it and the client named
 * no limit, the budget is sized to what the caller can spend now and held again; a sized hold can
 * still lose a race to another call, so this repeats a few times before the refusal stands. The
 * header is set on the call once the budget is final.
 */
export async function holdChat(
  call: AiCall,
  plan: ChatPlan,
  meta: Record<string, unknown> = {},
  record?: ChargeRecord,
): Promise<{ charge: Charge; plan: ChatPlan }> {
  let current = plan;
  for (let attempt = 0; ; attempt++) {
    try {
      const charge = await openCharge(
        call,
        current.hold,
        {
          promptTokens: current.promptTokens,
          maxOut: current.maxOut,
          ...(current.cap !== null ? { maxOutCapped: true } : {}),
          ...meta,
        },
        record,
      );
      if (current.cap !== null) call.replyHeaders[MAX_TOKENS_HEADER] = String(current.cap);
      return { charge, plan: current };
    } catch (err) {
      const short =
        err instanceof ApiError &&
        (err.code === "insufficient_credits" ||
          (err.code === "quota_exceeded" && call.apiKey?.creditLimit != null));
      if (!short || current.clientLimit || attempt >= 4) throw err;
      current = await fitToSpendable(call, current);
    }
  }
}
