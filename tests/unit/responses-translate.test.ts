import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/errors";
import {
  completionOutput,
  itemId,
  outputToMessages,
  responseIdOfItem,
} from "@/lib/operations/responses/output";
import { responsesRequestSchema } from "@/lib/operations/responses/schema";
import {
  chatParams,
  chatResponseFormat,
  chatTools,
  functionTools,
  inputToMessages,
  toolChoice,
} from "@/lib/operations/responses/translate";

// Responses API → Chat Completions, and a chat answer → Responses output, as pure functions.

const none = async () => null;
const PNG = "data:image/png;base64,iVBORw0KGgo=";

async function rejects(p: Promise<unknown> | (() => unknown), param: string) {
  try {
    await (typeof p === "function" ? p() : p);
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe("invalid_request");
    expect((err as ApiError).options.param).toBe(param);
    return;
  }
  throw new Error(`expected a 400 on ${param}`);
}

describe("input → chat messages", () => {
  it("a string is one user message", async () => {
    expect(await inputToMessages("hi", none)).toEqual([{ role: "user", content: "hi" }]);
  });

  it("maps roles, parts, images, tool calls and their outputs in order", async () => {
    const messages = await inputToMessages(
      [
        { role: "developer", content: "be brief" },
        { type: "message", role: "system", content: [{ type: "input_text", text: "rules" }] },
        {
          role: "user",
          content: [
            { type: "input_text", text: "what is this?" },
            { type: "input_image", image_url: PNG, detail: "low" },
          ],
        },
        { role: "assistant", content: [{ type: "output_text", text: "a pixel", annotations: [] }] },
        { type: "function_call", call_id: "c1", name: "look", arguments: '{"x":1}' },
        { type: "function_call", call_id: "c2", name: "look", arguments: '{"x":2}' },
        { type: "function_call_output", call_id: "c1", output: "one" },
        {
          type: "function_call_output",
          call_id: "c2",
          output: [{ type: "input_text", text: "two" }],
        },
        { type: "reasoning", id: "rs_1", summary: [] },
      ],
      none,
    );
    expect(messages).toEqual([
      { role: "system", content: "be brief" },
      { role: "system", content: "rules" },
      {
        role: "user",
        content: [
          { type: "text", text: "what is this?" },
          { type: "image_url", image_url: { url: PNG, detail: "low" } },
        ],
      },
      {
        role: "assistant",
        content: "a pixel",
        tool_calls: [
          { id: "c1", type: "function", function: { name: "look", arguments: '{"x":1}' } },
          { id: "c2", type: "function", function: { name: "look", arguments: '{"x":2}' } },
        ],
      },
      { role: "tool", tool_call_id: "c1", content: "one" },
      { role: "tool", tool_call_id: "c2", content: "two" },
    ]);
  });

  it("item_reference is looked up (once, never recursively)", async () => {
    const stored: Record<string, Record<string, unknown>> = {
      msg_a_0: {
        type: "message",
        role: "assistant",
        content: [{ type: "output_text", text: "ok" }],
      },
      loop: { type: "item_reference", id: "loop" },
    };
    const resolve = async (id: string) => stored[id] ?? null;
    expect(await inputToMessages([{ type: "item_reference", id: "msg_a_0" }], resolve)).toEqual([
      { role: "assistant", content: "ok" },
    ]);
    await rejects(
      inputToMessages([{ type: "item_reference", id: "msg_x_0" }], resolve),
      "input[0].id",
    );
    await rejects(
      inputToMessages([{ type: "item_reference", id: "loop" }], resolve),
      "input[0].id",
    );
  });

  it("refuses what chat cannot carry, naming the item", async () => {
    await rejects(
      inputToMessages(
        [{ role: "user", content: [{ type: "input_image", file_id: "file_1" }] }],
        none,
      ),
      "input[0].content[0].image_url",
    );
    await rejects(inputToMessages(["x", { type: "web_search_call" }], none), "input[0]");
    await rejects(inputToMessages([{ type: "web_search_call", id: "w" }], none), "input[0].type");
    await rejects(inputToMessages([{ role: "critic", content: "x" }], none), "input[0].role");
    await rejects(
      inputToMessages([{ type: "function_call", name: "f", arguments: "{}" }], none),
      "input[0].call_id",
    );
  });
});

describe("tools, tool_choice, text.format", () => {
  it("function tools become chat tools; hosted tools are refused", async () => {
    const tools = functionTools([
      {
        type: "function",
        name: "weather",
        description: "w",
        parameters: { type: "object" },
        strict: true,
      },
      { type: "function", name: "noargs" },
    ]);
    expect(chatTools(tools)).toEqual([
      {
        type: "function",
        function: {
          name: "weather",
          description: "w",
          parameters: { type: "object" },
          strict: true,
        },
      },
      { type: "function", function: { name: "noargs" } },
    ]);
    await rejects(() => functionTools([{ type: "web_search" }]), "tools[0].type");
    await rejects(() => functionTools([{ type: "function", name: "bad name" }]), "tools[0].name");
  });

  it("tool_choice maps to the chat form and is echoed as sent", async () => {
    expect(toolChoice("required")).toEqual({ echo: "required", chat: "required" });
    expect(toolChoice({ type: "function", name: "f" })?.chat).toEqual({
      type: "function",
      function: { name: "f" },
    });
    expect(
      toolChoice({
        type: "allowed_tools",
        mode: "required",
        tools: [{ type: "function", name: "a" }],
      })?.chat,
    ).toEqual({
      type: "allowed_tools",
      allowed_tools: { mode: "required", tools: [{ type: "function", function: { name: "a" } }] },
    });
    expect(toolChoice(undefined)).toBeNull();
    await rejects(() => toolChoice({ type: "file_search" }), "tool_choice");
  });

  it("text.format json_schema becomes response_format", () => {
    expect(
      chatResponseFormat({
        type: "json_schema",
        name: "city",
        schema: { type: "object" },
        strict: true,
      }),
    ).toEqual({
      type: "json_schema",
      json_schema: { name: "city", schema: { type: "object" }, strict: true },
    });
    expect(chatResponseFormat({ type: "json_schema", schema: {} })).toMatchObject({
      json_schema: { name: "response" },
    });
    expect(chatResponseFormat({ type: "text" })).toBeUndefined();
    expect(chatResponseFormat({ type: "json_object" })).toEqual({ type: "json_object" });
  });

  it("chatParams: sampling, limits (max_completion_tokens for reasoning models), logprobs, stream", () => {
    const body = responsesRequestSchema.parse({
      model: "m",
      input: "x",
      max_output_tokens: 50,
      temperature: 0.3,
      top_p: 0.9,
      top_logprobs: 2,
      stream: true,
      reasoning: { effort: "low" },
      metadata: { a: "b" },
    });
    const base = { body, messages: [], tools: [], toolChoice: null };
    expect(chatParams({ ...base, upstreamModel: "llama3" })).toEqual({
      model: "llama3",
      messages: [],
      max_tokens: 50,
      temperature: 0.3,
      top_p: 0.9,
      reasoning_effort: "low",
      logprobs: true,
      top_logprobs: 2,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(chatParams({ ...base, upstreamModel: "openai/gpt-5-mini" })).toMatchObject({
      max_completion_tokens: 50,
    });
  });

  it("refuses OpenAI-hosted features instead of ignoring them", () => {
    for (const extra of [{ background: true }, { conversation: "conv_1" }, { prompt: { id: "p" } }])
      expect(responsesRequestSchema.safeParse({ model: "m", input: "x", ...extra }).success).toBe(
        false,
      );
  });
});

describe("chat answer → output items", () => {
  it("message then tool calls, ids naming their response; back to chat messages", () => {
    const { output, finishReason } = completionOutput(
      {
        id: "c",
        object: "chat.completion",
        created: 1,
        model: "m",
        choices: [
          {
            index: 0,
            finish_reason: "tool_calls",
            logprobs: null,
            message: {
              role: "assistant",
              content: "let me look",
              refusal: null,
              tool_calls: [
                { id: "call_1", type: "function", function: { name: "f", arguments: "{}" } },
              ],
            },
          },
        ],
      },
      "abc_d",
    );
    expect(finishReason).toBe("tool_calls");
    expect(output).toEqual([
      {
        id: "msg_abc_d_0",
        type: "message",
        status: "completed",
        role: "assistant",
        content: [{ type: "output_text", text: "let me look", annotations: [], logprobs: [] }],
      },
      {
        id: "fc_abc_d_1",
        type: "function_call",
        status: "completed",
        call_id: "call_1",
        name: "f",
        arguments: "{}",
      },
    ]);
    expect(responseIdOfItem(itemId("abc_d", "fc", 1))).toBe("resp_abc_d");
    expect(responseIdOfItem("rs_123")).toBeNull();
    expect(outputToMessages(output)).toEqual([
      {
        role: "assistant",
        content: "let me look",
        tool_calls: [{ id: "call_1", type: "function", function: { name: "f", arguments: "{}" } }],
      },
    ]);
  });
});
