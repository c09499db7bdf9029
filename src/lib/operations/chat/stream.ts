import "server-only";
import type OpenAI from "openai";
import type {
  ChatCompletionChunk,
  ChatCompletionCreateParamsStreaming,
} from "openai/resources/chat/completions";
import type { CompletionUsage } from "openai/resources/completions";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/errors";
import { metrics } from "@/lib/metrics";
import type { Charge } from "@/lib/gateway/charge";
import type { AiCall } from "@/lib/gateway/call";
import { chatCharge } from "@/lib/pricing/compute";
import { countTextTokens } from "@/lib/gateway/tokens";
import { CLIENT_ABORTED } from "@/lib/gateway/call";
import { malformedAnswer, toUpstreamError, type UpstreamRef } from "@/lib/providers/errors";

// Streaming chat: each upstream chunk is forwarded as soon as it arrives (pull-driven, no
// buffering). The call is billed on the usage the provider reports (always asked for) or, when
// it reports none, on locally counted tokens. A client that goes away aborts the provider call
// and pays for what was produced; a provider failure mid-stream ends the stream with an error
// event instead of leaving the client hanging, charged for what was delivered — or refunded in
// full when it came before any content. No path leaves the hold pending.

export type StreamOptions = {
  client: OpenAI;
  params: Record<string, unknown>;
  promptTokens: number;
  /** The client asked for stream_options.include_usage. */
  wantsUsage: boolean;
};

const encoder = new TextEncoder();
const sse = (data: unknown) =>
  encoder.encode(`data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`);

export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  // no-transform keeps compression (which buffers) away from the stream.
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
};

function close(controller: ReadableStreamDefaultController<Uint8Array>) {
  try {
    controller.close();
  } catch {
    // already cancelled by the client
  }
}

function mapFailure(err: unknown, ref: UpstreamRef): ApiError {
  try {
    return toUpstreamError(err, ref);
  } catch {
    return new ApiError("upstream_error", `上游服务 ${ref.slug} 的流式响应中断`, {
      provider: ref.slug,
    });
  }
}

export async function streamChat(
  call: AiCall,
  charge: Charge,
  opts: StreamOptions,
): Promise<Response> {
  const model = call.model!;
  const providerSlug = call.provider!.slug;
  const upstream = new AbortController();
  let clientGone = false;
  const onClientGone = () => {
    clientGone = true;
    upstream.abort();
  };
  call.req.signal.addEventListener("abort", onClientGone, { once: true });

  let iterator: AsyncIterator<ChatCompletionChunk>;
  try {
    const stream = await opts.client.chat.completions.create(
      opts.params as unknown as ChatCompletionCreateParamsStreaming,
      {
        signal: upstream.signal,
      },
    );
    iterator = stream[Symbol.asyncIterator]();
  } catch (err) {
    call.req.signal.removeEventListener("abort", onClientGone);
    throw await charge.fail(err);
  }

  let text = "";
  let usage: CompletionUsage | null = null;
  let finishReason: string | null = null;
  let first = true;
  // Anything the client can use: text, a tool call, a finish. Before it, a failure is the
  // provider's alone and refunds everything (a role-only opening chunk is not content).
  let content = false;
  let timedOut = false;
  let idle: NodeJS.Timeout | undefined;
  // The SDK's timeout ends once headers arrive; a provider that stalls mid-stream is cut here.
  const armIdleTimer = () => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      timedOut = true;
      upstream.abort();
    }, env.AI_TIMEOUT_MS);
  };

  const bill = async (status: string) => {
    clearTimeout(idle);
    call.req.signal.removeEventListener("abort", onClientGone);
    const tokensIn = usage?.prompt_tokens ?? opts.promptTokens;
    const tokensOut =
      usage?.completion_tokens ?? (await countTextTokens(text, model.upstreamModel));
    const credits = chatCharge(
      model.pricing,
      { promptTokens: tokensIn, completionTokens: tokensOut },
      charge.held,
    );
    await charge.settle({
      credits,
      tokensIn,
      tokensOut,
      finishReason,
      status,
      meta: status === CLIENT_ABORTED ? { aborted: true } : {},
    });
    return { tokensIn, tokensOut };
  };

  const body = new ReadableStream<Uint8Array>({
    start: armIdleTimer,
    async pull(controller) {
      try {
        const { value: chunk, done } = await iterator.next();
        // The SDK ends the iteration quietly when aborted: tell a timeout from a disconnect.
        if (done && timedOut)
          throw new ApiError("upstream_timeout", `上游服务 ${providerSlug} 响应超时`, {
            provider: providerSlug,
          });
        if (done && clientGone) {
          await bill(CLIENT_ABORTED);
          return close(controller);
        }
        // Ended without a single usable event (an empty or non-SSE body, say): a failure.
        if (done && !content) throw malformedAnswer(providerSlug);
        if (done) {
          const { tokensIn, tokensOut } = await bill("success");
          if (opts.wantsUsage && !usage) {
            // The provider reported none; the client asked, so it gets the counted usage.
            const counted = {
              prompt_tokens: tokensIn,
              completion_tokens: tokensOut,
              total_tokens: tokensIn + tokensOut,
            };
            controller.enqueue(
              sse({
                id: call.requestId,
                object: "chat.completion.chunk",
                created: Math.floor(Date.now() / 1000),
                model: model.slug,
                choices: [],
                usage: counted,
              }),
            );
          }
          controller.enqueue(sse("[DONE]"));
          close(controller);
          return;
        }
        armIdleTimer();
        if (first) {
          first = false;
          metrics.firstChunk.observe(
            { model: model.slug, provider: providerSlug },
            (performance.now() - call.started) / 1000,
          );
        }
        if (chunk.usage) usage = chunk.usage;
        for (const choice of Array.isArray(chunk.choices) ? chunk.choices : []) {
          if (choice?.delta?.content) text += choice.delta.content;
          for (const tc of choice?.delta?.tool_calls ?? []) text += tc.function?.arguments ?? "";
          if (choice?.finish_reason) finishReason = choice.finish_reason;
          if (choice?.delta?.content || choice?.delta?.tool_calls?.length || choice?.finish_reason)
            content = true;
        }
        const out: Record<string, unknown> = { ...chunk, model: model.slug };
        if (!opts.wantsUsage) {
          // Usage was our question, not the client's: the usage-only chunk stays with us.
          if (!chunk.choices?.length && chunk.usage) return;
          delete out.usage;
        }
        controller.enqueue(sse(out));
      } catch (err) {
        if (clientGone) {
          await bill(CLIENT_ABORTED);
          return close(controller);
        }
        const apiError = err instanceof ApiError ? err : mapFailure(err, call.upstream!);
        if (content) await bill(apiError.code);
        else {
          clearTimeout(idle);
          call.req.signal.removeEventListener("abort", onClientGone);
          await charge.fail(apiError);
        }
        controller.enqueue(sse(apiError.toBody(call.requestId)));
        close(controller);
      }
    },
    async cancel() {
      onClientGone();
      await bill(CLIENT_ABORTED);
    },
  });

  return new Response(body, { status: 200, headers: SSE_HEADERS });
}
