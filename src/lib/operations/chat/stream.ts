import "server-only";
import type { ChatCompletionChunk } from "openai/resources/chat/completions";
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
import { streamJson, type Wire } from "@/lib/providers/wire";

// Streaming chat: each upstream chunk is forwarded as soon as it arrives (pull-driven, no
// buffering). The call is billed on the usage the provider reports (always asked for) or, when
// it reports none, on locally counted tokens. A client that goes away aborts the provider call
// and pays for what was produced; a provider failure mid-stream ends the stream with an error
// event instead of leaving the client hanging, charged for what was delivered — or refunded in
// full when it came before any content. No path leaves the hold pending.

/** What the stream ended with, as billed. */
export type StreamEnd = {
  tokensIn: number;
  tokensOut: number;
  /** The provider's own usage, when it reported one. */
  usage: CompletionUsage | null;
  finishReason: string | null;
};

/**
 * Turns the provider's chat chunks into what the client reads: Chat Completions chunks as they
 * are, or another wire format (the Responses API's events). Frames are SSE bytes.
 */
export interface StreamEncoder {
  /** Sent before the first upstream chunk arrives. */
  open(): Uint8Array[];
  /** The frames for one upstream chunk (possibly none). */
  chunk(chunk: ChatCompletionChunk): Uint8Array[];
  /** After a successful end, once the call is billed. */
  done(end: StreamEnd): Promise<Uint8Array[]>;
  /** When the stream fails after it started. */
  fail(err: ApiError): Uint8Array[];
}

export type StreamOptions = {
  /** The provider, reached without the SDK (providers/wire.ts). */
  wire: Wire;
  params: Record<string, unknown>;
  promptTokens: number;
  encoder: StreamEncoder;
  /**
   * After the call is billed with some output (done, stopped by the client, or broken off after
   * content): what it produced and cost. Not called when the call was refunded.
   */
  onFinish?: (end: {
    text: string;
    finishReason: string | null;
    status: string;
    credits: number;
  }) => Promise<void>;
};

const textEncoder = new TextEncoder();
const sse = (data: unknown) =>
  textEncoder.encode(`data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`);

/** Chat Completions as OpenAI streams them; the usage chunk only when the client asked. */
export function chatEncoder(call: AiCall, wantsUsage: boolean): StreamEncoder {
  const slug = call.model!.slug;
  return {
    open: () => [],
    chunk(chunk) {
      const out: Record<string, unknown> = { ...chunk, model: slug };
      if (!wantsUsage) {
        // Usage was our question, not the client's: the usage-only chunk stays with us.
        if (!chunk.choices?.length && chunk.usage) return [];
        delete out.usage;
      }
      return [sse(out)];
    },
    async done(end) {
      const frames: Uint8Array[] = [];
      if (wantsUsage && !end.usage) {
        // The provider reported none; the client asked, so it gets the counted usage.
        frames.push(
          sse({
            id: call.requestId,
            object: "chat.completion.chunk",
            created: Math.floor(Date.now() / 1000),
            model: slug,
            choices: [],
            usage: {
              prompt_tokens: end.tokensIn,
              completion_tokens: end.tokensOut,
              total_tokens: end.tokensIn + end.tokensOut,
            },
          }),
        );
      }
      frames.push(sse("[DONE]"));
      return frames;
    },
    fail: (err) => [sse(err.toBody(call.requestId))],
  };
}

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
    iterator = await streamJson<ChatCompletionChunk>(
      opts.wire,
      "/chat/completions",
      opts.params,
      upstream.signal,
    );
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
  // The transport's timeout ends once headers arrive; a provider that stalls mid-stream is cut
  // here.
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
    // A stream can end and be cancelled at once: only the first bill reports the turn.
    const first = !charge.finished;
    const charged = await charge.settle({
      credits,
      tokensIn,
      tokensOut,
      finishReason,
      status,
      meta: status === CLIENT_ABORTED ? { aborted: true } : {},
    });
    if (first) await opts.onFinish?.({ text, finishReason, status, credits: charged });
    return { tokensIn, tokensOut, usage, finishReason };
  };
  const enqueue = (
    controller: ReadableStreamDefaultController<Uint8Array>,
    frames: Uint8Array[],
  ) => {
    for (const f of frames) controller.enqueue(f);
  };

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      armIdleTimer();
      enqueue(controller, opts.encoder.open());
    },
    // A pull that enqueues nothing is never called again (the reader's request was already
    // counted), so it keeps reading upstream until it has a frame to hand on or the stream ends.
    async pull(controller) {
      try {
        for (;;) {
          const { value: chunk, done } = await iterator.next();
          // An aborted stream ends quietly (as the SDK's does): tell a timeout from a disconnect.
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
            enqueue(controller, await opts.encoder.done(await bill("success")));
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
            if (choice?.delta?.refusal) text += choice.delta.refusal;
            for (const tc of choice?.delta?.tool_calls ?? []) text += tc.function?.arguments ?? "";
            if (choice?.finish_reason) finishReason = choice.finish_reason;
            if (
              choice?.delta?.content ||
              choice?.delta?.refusal ||
              choice?.delta?.tool_calls?.length ||
              choice?.finish_reason
            )
              content = true;
          }
          const frames = opts.encoder.chunk(chunk);
          if (frames.length) return enqueue(controller, frames);
        }
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
        enqueue(controller, opts.encoder.fail(apiError));
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
