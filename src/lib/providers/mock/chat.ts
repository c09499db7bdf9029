import "server-only";

// Deterministic chat for the mock provider: the same messages always give the same reply,
// streamed word by word in OpenAI chat.completion.chunk events.

type Message = { role?: unknown; content?: unknown };
export type MockChatRequest = {
  model?: unknown;
  messages?: unknown;
  stream?: unknown;
  stream_options?: { include_usage?: unknown } | null;
  max_tokens?: unknown;
  max_completion_tokens?: unknown;
};

const WORD_DELAY_MS = 15;

function text(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content))
    return content
      .map((p: { text?: unknown }) => (typeof p?.text === "string" ? p.text : ""))
      .join(" ");
  return "";
}

export function mockReplyWords(model: string, messages: Message[]): string[] {
  const last = [...messages].reverse().find((m) => m.role === "user");
  const said = text(last?.content).replace(/\s+/g, " ").trim().slice(0, 200) || "（空）";
  const reply = `这是内置模拟模型 ${model} 的回复。 你说： ${said} 。 这段文字是确定的，用于在没有 API 密钥时演示完整流程。`;
  return reply.split(" ").filter(Boolean);
}

/** Rough but stable: four characters per token. */
export const estimateTokens = (messages: Message[]) =>
  messages.reduce((n, m) => n + Math.ceil(text(m.content).length / 4) + 4, 0);

function limitFor(body: MockChatRequest): number | null {
  const raw = body.max_completion_tokens ?? body.max_tokens;
  return typeof raw === "number" && raw > 0 ? Math.floor(raw) : null;
}

export function mockChat(body: MockChatRequest, signal?: AbortSignal | null): Response {
  const model = typeof body.model === "string" ? body.model : "mock";
  const messages = Array.isArray(body.messages) ? (body.messages as Message[]) : [];
  const all = mockReplyWords(model, messages);
  const limit = limitFor(body);
  const words = limit !== null ? all.slice(0, limit) : all;
  const finish = words.length < all.length ? "length" : "stop";
  const usage = {
    prompt_tokens: estimateTokens(messages),
    completion_tokens: words.length,
    total_tokens: estimateTokens(messages) + words.length,
  };
  const id = `chatcmpl-mock-${Date.now().toString(36)}`;
  const created = Math.floor(Date.now() / 1000);

  if (body.stream !== true) {
    return Response.json({
      id,
      object: "chat.completion",
      created,
      model,
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: words.join(" "), refusal: null },
          finish_reason: finish,
          logprobs: null,
        },
      ],
      usage,
    });
  }
  const includeUsage = body.stream_options?.include_usage === true;
  const enc = new TextEncoder();
  const event = (choices: unknown[], extra: object = {}) =>
    enc.encode(
      `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices, ...extra })}\n\n`,
    );
  let cancelled = false;
  signal?.addEventListener("abort", () => (cancelled = true));
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(
        event([{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }]),
      );
      for (let i = 0; i < words.length; i++) {
        await new Promise((r) => setTimeout(r, WORD_DELAY_MS));
        if (cancelled) return;
        const piece = i < words.length - 1 ? `${words[i]} ` : words[i];
        controller.enqueue(event([{ index: 0, delta: { content: piece }, finish_reason: null }]));
      }
      controller.enqueue(event([{ index: 0, delta: {}, finish_reason: finish }]));
      if (includeUsage) controller.enqueue(event([], { usage }));
      controller.enqueue(enc.encode("data: [DONE]\n\n"));
      controller.close();
    },
    cancel() {
      cancelled = true;
    },
  });
  return new Response(stream, {
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
  });
}
