import { apiFetch, errorFromBody, networkError, readError } from "./http";
import { readSseData } from "./sse";

// One streamed chat call against /api/ai/chat/completions (OpenAI chunk format, contract §5).

export type ChatMessage = { role: "user" | "assistant" | "system"; content: string };
export type ChatUsage = { promptTokens: number; completionTokens: number };
export type ChatStreamResult = {
  content: string;
  usage: ChatUsage | null;
  finishReason: string | null;
  /** The output budget the server chose because the balance could not cover more (header). */
  cappedMaxTokens: number | null;
};

type Chunk = {
  choices?: { delta?: { content?: string | null }; finish_reason?: string | null }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  error?: unknown;
};

export async function streamChat(input: {
  model: string;
  messages: ChatMessage[];
  requestId: string;
  signal: AbortSignal;
  onDelta: (textSoFar: string) => void;
  /** The stored conversation this turn is written to (server-side). */
  conversationId?: string | null;
  /** The longest reply wanted (max_tokens); unset = the server's default. */
  maxTokens?: number | null;
  /** Called as soon as the response headers arrive. */
  onOpen?: (info: { cappedMaxTokens: number | null }) => void;
}): Promise<ChatStreamResult> {
  let res: Response;
  try {
    res = await apiFetch("/api/ai/chat/completions", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({
        model: input.model,
        messages: input.messages,
        stream: true,
        stream_options: { include_usage: true },
        requestId: input.requestId,
        ...(input.conversationId ? { conversationId: input.conversationId } : {}),
        ...(input.maxTokens ? { max_tokens: input.maxTokens } : {}),
      }),
      signal: input.signal,
    });
  } catch (err) {
    throw networkError(err);
  }
  if (!res.ok) throw await readError(res);
  if (!res.body) throw errorFromBody(502, null);
  const capped = Number(res.headers.get("x-aigc-max-tokens"));
  const cappedMaxTokens = Number.isInteger(capped) && capped > 0 ? capped : null;
  input.onOpen?.({ cappedMaxTokens });

  let content = "";
  let usage: ChatUsage | null = null;
  let finishReason: string | null = null;
  try {
    for await (const data of readSseData(res.body)) {
      if (data === "[DONE]") break;
      let chunk: Chunk;
      try {
        chunk = JSON.parse(data) as Chunk;
      } catch {
        continue; // a malformed event is skipped rather than ending the reply
      }
      // A failure after the stream started arrives as an error event (headers were already sent).
      if (chunk.error) throw errorFromBody(502, chunk);
      const choice = chunk.choices?.[0];
      const piece = choice?.delta?.content;
      if (piece) {
        content += piece;
        input.onDelta(content);
      }
      if (choice?.finish_reason) finishReason = choice.finish_reason;
      if (chunk.usage) {
        usage = {
          promptTokens: chunk.usage.prompt_tokens ?? 0,
          completionTokens: chunk.usage.completion_tokens ?? 0,
        };
      }
    }
  } catch (err) {
    throw networkError(err);
  }
  return { content, usage, finishReason, cappedMaxTokens };
}
