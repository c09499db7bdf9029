import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import type {
  ResponseOutputMessage,
  ResponseOutputRefusal,
  ResponseOutputText,
  ResponseStreamEvent,
} from "openai/resources/responses/responses";
import type { ApiError } from "@/lib/errors";
import type { StreamEncoder, StreamEnd } from "@/lib/operations/chat/stream";
import {
  type Envelope,
  endState,
  functionCallOutput,
  itemId,
  type Logprob,
  mapLogprobs,
  messageOutput,
  type OutputItem,
  type ResponseObject,
  responseUsage,
} from "./output";

// The Responses API's event stream, made from a provider's chat chunks:
//   response.created → response.in_progress →
//   per message: output_item.added → content_part.added → output_text.delta… →
//                output_text.done → content_part.done → output_item.done
//   per tool call: output_item.added → function_call_arguments.delta… →
//                  function_call_arguments.done → output_item.done
//   → response.completed (or response.incomplete) with usage, or error + response.failed.
// Every event carries a rising sequence_number, framed as `event: <type>` + `data: <json>`.

type Frame = Uint8Array;
const enc = new TextEncoder();

type OpenMessage = {
  index: number;
  id: string;
  text: ResponseOutputText | null;
  textIndex: number;
  refusal: ResponseOutputRefusal | null;
  refusalIndex: number;
  parts: ResponseOutputMessage["content"];
};
type OpenCall = { index: number; id: string; callId: string; name: string; args: string };

export type ResponseEventsOptions = {
  envelope: Envelope;
  base: string;
  /** Called with the finished response before response.completed is sent (to store it). */
  onComplete: (response: ResponseObject) => Promise<void>;
};

export class ResponseEvents implements StreamEncoder {
  private seq = 0;
  private readonly output: OutputItem[] = [];
  private message: OpenMessage | null = null;
  /** Tool calls by their chat `index`, open until the stream ends or text resumes. */
  private calls = new Map<number, OpenCall>();

  constructor(private readonly opts: ResponseEventsOptions) {}

  private frame(event: Record<string, unknown> & { type: ResponseStreamEvent["type"] }): Frame {
    const data = { ...event, sequence_number: this.seq++ };
    return enc.encode(`event: ${event.type}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  private snapshot(extra: Partial<ResponseObject>): ResponseObject {
    return {
      ...this.opts.envelope,
      status: "in_progress",
      output: structuredClone(this.output),
      usage: null,
      incomplete_details: null,
      error: null,
      ...extra,
    } as ResponseObject;
  }

  open(): Frame[] {
    return [
      this.frame({ type: "response.created", response: this.snapshot({}) }),
      this.frame({ type: "response.in_progress", response: this.snapshot({}) }),
    ];
  }

  private openMessage(out: Frame[]): OpenMessage {
    if (this.message) return this.message;
    this.closeCalls(out, "completed");
    const index = this.output.length;
    const m: OpenMessage = {
      index,
      id: itemId(this.opts.base, "msg", index),
      text: null,
      textIndex: -1,
      refusal: null,
      refusalIndex: -1,
      parts: [],
    };
    this.output.push(messageOutput(m.id, [], "in_progress"));
    out.push(
      this.frame({
        type: "response.output_item.added",
        output_index: index,
        item: this.output[index],
      }),
    );
    this.message = m;
    return m;
  }

  private addPart(out: Frame[], m: OpenMessage, part: OpenMessage["parts"][number]): number {
    const contentIndex = m.parts.length;
    m.parts.push(part);
    out.push(
      this.frame({
        type: "response.content_part.added",
        item_id: m.id,
        output_index: m.index,
        content_index: contentIndex,
        part: structuredClone(part),
      }),
    );
    return contentIndex;
  }

  private ensureText(out: Frame[], m: OpenMessage): ResponseOutputText {
    if (!m.text) {
      m.text = { type: "output_text", text: "", annotations: [], logprobs: [] };
      m.textIndex = this.addPart(out, m, m.text);
    }
    return m.text;
  }

  private text(out: Frame[], delta: string, logprobs: Logprob[]): void {
    const m = this.openMessage(out);
    const text = this.ensureText(out, m);
    text.text += delta;
    text.logprobs!.push(...logprobs);
    out.push(
      this.frame({
        type: "response.output_text.delta",
        item_id: m.id,
        output_index: m.index,
        content_index: m.textIndex,
        delta,
        logprobs,
      }),
    );
  }

  private refusal(out: Frame[], delta: string): void {
    const m = this.openMessage(out);
    if (!m.refusal) {
      m.refusal = { type: "refusal", refusal: "" };
      m.refusalIndex = this.addPart(out, m, m.refusal);
    }
    m.refusal.refusal += delta;
    out.push(
      this.frame({
        type: "response.refusal.delta",
        item_id: m.id,
        output_index: m.index,
        content_index: m.refusalIndex,
        delta,
      }),
    );
  }

  private closeMessage(out: Frame[], status: ResponseOutputMessage["status"]): void {
    const m = this.message;
    if (!m) return;
    this.message = null;
    const at = { item_id: m.id, output_index: m.index };
    if (m.text) {
      out.push(
        this.frame({
          type: "response.output_text.done",
          ...at,
          content_index: m.textIndex,
          text: m.text.text,
          logprobs: m.text.logprobs,
        }),
      );
    }
    if (m.refusal) {
      out.push(
        this.frame({
          type: "response.refusal.done",
          ...at,
          content_index: m.refusalIndex,
          refusal: m.refusal.refusal,
        }),
      );
    }
    m.parts.forEach((part, contentIndex) =>
      out.push(
        this.frame({
          type: "response.content_part.done",
          ...at,
          content_index: contentIndex,
          part: structuredClone(part),
        }),
      ),
    );
    this.output[m.index] = messageOutput(m.id, structuredClone(m.parts), status);
    out.push(
      this.frame({
        type: "response.output_item.done",
        output_index: m.index,
        item: this.output[m.index],
      }),
    );
  }

  private toolCall(
    out: Frame[],
    tc: NonNullable<ChatCompletionChunk.Choice.Delta["tool_calls"]>[number],
  ): void {
    let call = this.calls.get(tc.index);
    if (!call) {
      this.closeMessage(out, "completed");
      const index = this.output.length;
      call = {
        index,
        id: itemId(this.opts.base, "fc", index),
        callId: tc.id ?? `call_${this.opts.base}_${index}`,
        name: tc.function?.name ?? "",
        args: "",
      };
      this.calls.set(tc.index, call);
      this.output.push(
        functionCallOutput(
          call.id,
          { id: call.callId, name: call.name, arguments: "" },
          "in_progress",
        ),
      );
      out.push(
        this.frame({
          type: "response.output_item.added",
          output_index: index,
          item: this.output[index],
        }),
      );
    }
    const delta = tc.function?.arguments ?? "";
    if (delta) {
      call.args += delta;
      out.push(
        this.frame({
          type: "response.function_call_arguments.delta",
          item_id: call.id,
          output_index: call.index,
          delta,
        }),
      );
    }
  }

  private closeCalls(out: Frame[], status: "completed" | "incomplete"): void {
    for (const call of this.calls.values()) {
      out.push(
        this.frame({
          type: "response.function_call_arguments.done",
          item_id: call.id,
          output_index: call.index,
          name: call.name,
          arguments: call.args,
        }),
      );
      this.output[call.index] = functionCallOutput(
        call.id,
        { id: call.callId, name: call.name, arguments: call.args },
        status,
      );
      out.push(
        this.frame({
          type: "response.output_item.done",
          output_index: call.index,
          item: this.output[call.index],
        }),
      );
    }
    this.calls.clear();
  }

  chunk(chunk: ChatCompletionChunk): Frame[] {
    const out: Frame[] = [];
    // The Responses API has one answer: choice 0 (n is never sent upstream).
    const choice = chunk.choices?.find((c) => c.index === 0);
    if (!choice) return out;
    const d = choice.delta ?? {};
    if (d.content)
      this.text(
        out,
        d.content,
        mapLogprobs(choice.logprobs?.content as Parameters<typeof mapLogprobs>[0]),
      );
    if (d.refusal) this.refusal(out, d.refusal);
    for (const tc of d.tool_calls ?? []) this.toolCall(out, tc);
    return out;
  }

  async done(end: StreamEnd): Promise<Frame[]> {
    const out: Frame[] = [];
    const state = endState(end.finishReason);
    // A reply with no output at all is still one (empty) message, as OpenAI answers.
    if (!this.output.length) this.openMessage(out);
    if (this.message && !this.message.parts.length) this.ensureText(out, this.message);
    const itemStatus = state.status === "completed" ? "completed" : "incomplete";
    this.closeMessage(out, itemStatus);
    this.closeCalls(out, itemStatus);
    const final = this.snapshot({
      ...state,
      completed_at: Math.floor(Date.now() / 1000),
      usage: responseUsage({
        promptTokens: end.tokensIn,
        completionTokens: end.tokensOut,
        chat: end.usage,
      }),
    });
    await this.opts.onComplete(final);
    out.push(
      this.frame({
        type: state.status === "completed" ? "response.completed" : "response.incomplete",
        response: final,
      }),
    );
    return out;
  }

  fail(err: ApiError): Frame[] {
    const out: Frame[] = [];
    this.closeMessage(out, "incomplete");
    this.closeCalls(out, "incomplete");
    out.push(this.frame({ type: "error", code: err.code, message: err.message, param: null }));
    out.push(
      this.frame({
        type: "response.failed",
        response: this.snapshot({
          status: "failed",
          error: { code: "server_error", message: err.message },
        }),
      }),
    );
    return out;
  }
}
