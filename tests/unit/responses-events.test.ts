import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import { accumulateResponse } from "openai/lib/responses/ResponseAccumulator";
import type { ResponseStreamEvent } from "openai/resources/responses/responses";
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/errors";
import { ResponseEvents } from "@/lib/operations/responses/events";
import { envelope, type ResponseObject } from "@/lib/operations/responses/output";
import { responsesRequestSchema } from "@/lib/operations/responses/schema";

// The Responses event stream made from chat chunks, checked against the official SDK's own
// accumulator: replaying our events must rebuild exactly the response we say we completed.

type Event = ResponseStreamEvent & { sequence_number: number };

function encoder(stored: ResponseObject[] = []) {
  const body = responsesRequestSchema.parse({ model: "m", input: "x" });
  return new ResponseEvents({
    base: "B",
    envelope: envelope({ base: "B", model: "m", body, tools: [], toolChoice: null, store: true }),
    onComplete: async (r) => void stored.push(r),
  });
}

const dec = new TextDecoder();
function parse(frames: Uint8Array[]): Event[] {
  return frames.map((f) => {
    const text = dec.decode(f);
    const m = /^event: (.+)\ndata: (.+)\n\n$/s.exec(text);
    expect(m, text).toBeTruthy();
    const data = JSON.parse(m![2]) as Event;
    expect(data.type).toBe(m![1]);
    return data;
  });
}

const chunk = (delta: ChatCompletionChunk.Choice.Delta, finish: string | null = null) =>
  ({
    id: "c",
    object: "chat.completion.chunk",
    created: 1,
    model: "m",
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  }) as ChatCompletionChunk;

async function run(deltas: ChatCompletionChunk[], finishReason = "stop") {
  const stored: ResponseObject[] = [];
  const e = encoder(stored);
  const frames = [...e.open()];
  for (const c of deltas) frames.push(...e.chunk(c));
  frames.push(...(await e.done({ tokensIn: 7, tokensOut: 3, usage: null, finishReason })));
  const events = parse(frames);
  let snapshot: ReturnType<typeof accumulateResponse> | undefined;
  for (const ev of events) snapshot = accumulateResponse(ev, snapshot);
  return { events, stored, snapshot: snapshot! };
}

describe("Responses events from chat chunks", () => {
  it("text: the exact OpenAI sequence, rising sequence numbers, usage at the end", async () => {
    const { events, stored, snapshot } = await run([
      chunk({ role: "assistant", content: "" }),
      chunk({ content: "Hello" }),
      chunk({ content: " world" }),
      chunk({}, "stop"),
    ]);
    expect(events.map((e) => e.type)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.delta",
      "response.output_text.delta",
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.completed",
    ]);
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    const completed = events.at(-1) as Extract<Event, { type: "response.completed" }>;
    expect(completed.response).toMatchObject({
      id: "resp_B",
      status: "completed",
      usage: { input_tokens: 7, output_tokens: 3, total_tokens: 10 },
      output: [{ id: "msg_B_0", type: "message", status: "completed", role: "assistant" }],
    });
    expect(snapshot.output_text).toBe("Hello world");
    // The SDK's own replay of our events rebuilds what we completed (and stored).
    const { output_text: _t, ...rebuilt } = snapshot;
    expect(rebuilt).toEqual(completed.response);
    expect(stored).toEqual([completed.response]);
  });

  it("tool calls: added with name and call_id, arguments in deltas, text closed first", async () => {
    const { events, snapshot } = await run(
      [
        chunk({ content: "checking" }),
        chunk({
          tool_calls: [
            { index: 0, id: "call_a", type: "function", function: { name: "f", arguments: "" } },
          ],
        }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '{"q":' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '"x"}' } }] }),
        chunk({
          tool_calls: [
            { index: 1, id: "call_b", type: "function", function: { name: "g", arguments: "{}" } },
          ],
        }),
        chunk({}, "tool_calls"),
      ],
      "tool_calls",
    );
    const types = events.map((e) => e.type);
    expect(types.indexOf("response.output_item.done")).toBeLessThan(
      types.indexOf("response.function_call_arguments.delta"),
    );
    const added = events.filter((e) => e.type === "response.output_item.added");
    expect(added.map((e) => (e as { item: { type: string } }).item.type)).toEqual([
      "message",
      "function_call",
      "function_call",
    ]);
    const argsDone = events.filter((e) => e.type === "response.function_call_arguments.done");
    expect(argsDone).toMatchObject([
      { item_id: "fc_B_1", output_index: 1, name: "f", arguments: '{"q":"x"}' },
      { item_id: "fc_B_2", output_index: 2, name: "g", arguments: "{}" },
    ]);
    expect(snapshot.output).toMatchObject([
      { type: "message" },
      {
        type: "function_call",
        call_id: "call_a",
        name: "f",
        arguments: '{"q":"x"}',
        status: "completed",
      },
      { type: "function_call", call_id: "call_b", name: "g", arguments: "{}", status: "completed" },
    ]);
  });

  it("a cut-off reply ends as response.incomplete (max_output_tokens)", async () => {
    const { events } = await run([chunk({ content: "partial" }), chunk({}, "length")], "length");
    const last = events.at(-1) as Extract<Event, { type: "response.incomplete" }>;
    expect(last.type).toBe("response.incomplete");
    expect(last.response).toMatchObject({
      status: "incomplete",
      incomplete_details: { reason: "max_output_tokens" },
      output: [{ status: "incomplete" }],
    });
  });

  it("an empty reply is still one empty message", async () => {
    const { snapshot } = await run([chunk({ role: "assistant", content: "" })]);
    expect(snapshot.output).toMatchObject([
      { type: "message", content: [{ type: "output_text", text: "" }] },
    ]);
  });

  it("a failure mid-stream: open items closed, then error and response.failed", () => {
    const e = encoder();
    const frames = [...e.open(), ...e.chunk(chunk({ content: "half" }))];
    frames.push(
      ...e.fail(new ApiError("upstream_error", "上游服务 p 返回错误", { provider: "p" })),
    );
    const events = parse(frames);
    expect(events.slice(-2)).toMatchObject([
      { type: "error", code: "upstream_error", message: "上游服务 p 返回错误" },
      {
        type: "response.failed",
        response: {
          status: "failed",
          error: { code: "server_error" },
          output: [{ status: "incomplete" }],
        },
      },
    ]);
  });
});
