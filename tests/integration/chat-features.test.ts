import OpenAI from "openai";
import type { ChatCompletionTool } from "openai/resources/chat/completions";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { chatCharge } from "@/lib/pricing/compute";
import { type App } from "../helpers/app";
import { allTransactions, balance, expectLedgerMatches, settled } from "../helpers/chat";
import { COMPAT_PRICING, fundedUser, MODELS, compatSuite } from "../helpers/compat";
import { type MockUpstream } from "../mocks/openai-server";

// Chat Completions features that must reach the provider untouched and come back to the client
// as the provider sent them — tools (with streamed tool-call deltas), json_schema, vision with
// data URLs, n > 1, seed, stop, logprobs — each billed on the provider's usage.

const suite = compatSuite({
  // Far below one inline image: media parts must not count as characters of text.
  CHAT_MAX_CHARS: "20000",
});
let app: App;
let up: MockUpstream;
let admin: string;
beforeAll(() => ({ app, up, admin } = suite));

async function user(credits = 5000) {
  const u = await fundedUser(app, admin, credits);
  return { ...u, sdk: new OpenAI({ baseURL: `${app.url}/v1`, apiKey: u.token, maxRetries: 0 }) };
}
const sent = () =>
  up.requests.filter((r) => r.path === "/v1/chat/completions").at(-1)!.body as Record<
    string,
    unknown
  >;
const priced = (pt: number, ct: number) =>
  chatCharge(COMPAT_PRICING, { promptTokens: pt, completionTokens: ct }, Number.MAX_SAFE_INTEGER);

const tools: ChatCompletionTool[] = [
  {
    type: "function",
    function: {
      name: "get_weather",
      description: "Current weather",
      parameters: {
        type: "object",
        properties: { city: { type: "string" }, unit: { type: "string", enum: ["c", "f"] } },
        required: ["city", "unit"],
      },
    },
  },
  {
    type: "function",
    function: {
      name: "get_time",
      parameters: { type: "object", properties: { tz: { type: "string" } } },
    },
  },
];
const ask = [{ role: "user" as const, content: "weather and time in Paris" }];

describe("tools", () => {
  it("non-streamed: tool calls come back as the provider made them, billed on usage", async () => {
    const u = await user();
    up.setMode({ toolCalls: 2 });
    const res = await u.sdk.chat.completions.create({
      model: MODELS.chat,
      messages: ask,
      tools,
      tool_choice: "auto",
      parallel_tool_calls: true,
    });
    expect(sent()).toMatchObject({
      model: "gpt-4o-mini",
      tools,
      tool_choice: "auto",
      parallel_tool_calls: true,
    });
    expect(res.choices[0].finish_reason).toBe("tool_calls");
    expect(res.choices[0].message.tool_calls).toEqual([
      {
        id: expect.any(String),
        type: "function",
        function: { name: "get_weather", arguments: '{"city":"mock","unit":"c"}' },
      },
      {
        id: expect.any(String),
        type: "function",
        function: { name: "get_time", arguments: '{"tz":"mock"}' },
      },
    ]);
    expect(await balance(app, u.token)).toBe(
      5000 - priced(res.usage!.prompt_tokens, res.usage!.completion_tokens),
    );
  });

  it("streamed: tool-call deltas (id and name first, then argument pieces) arrive per index", async () => {
    const u = await user();
    up.setMode({ toolCalls: 2 });
    const stream = await u.sdk.chat.completions.create({
      model: MODELS.chat,
      messages: ask,
      tools,
      stream: true,
      stream_options: { include_usage: true },
    });
    const calls: { id?: string; name?: string; args: string; pieces: number }[] = [];
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      usage = chunk.usage ?? usage;
      for (const tc of chunk.choices[0]?.delta?.tool_calls ?? []) {
        const c = (calls[tc.index] ??= { args: "", pieces: 0 });
        if (tc.id) c.id = tc.id;
        if (tc.function?.name) c.name = tc.function.name;
        if (tc.function?.arguments) {
          c.args += tc.function.arguments;
          c.pieces++;
        }
      }
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(finish).toBe("tool_calls");
    expect(calls.map(({ name, args }) => ({ name, args }))).toEqual([
      { name: "get_weather", args: '{"city":"mock","unit":"c"}' },
      { name: "get_time", args: '{"tz":"mock"}' },
    ]);
    expect(calls.every((c) => c.id && c.pieces > 1)).toBe(true);
    await settled(app, u.token);
    expect(await balance(app, u.token)).toBe(
      5000 - priced(usage!.prompt_tokens, usage!.completion_tokens),
    );
  });

  it("the tool result goes back up as a tool message and the model answers from it", async () => {
    const u = await user();
    const first = await u.sdk.chat.completions.create({ model: MODELS.chat, messages: ask, tools });
    const call = first.choices[0].message.tool_calls![0];
    const res = await u.sdk.chat.completions.create({
      model: MODELS.chat,
      tools,
      messages: [
        ...ask,
        first.choices[0].message,
        { role: "tool", tool_call_id: call.id, content: "18°C, light rain" },
      ],
    });
    expect(res.choices[0].message.content).toBe("tool said: 18°C, light rain");
    expect((sent().messages as unknown[]).at(-1)).toEqual({
      role: "tool",
      tool_call_id: call.id,
      content: "18°C, light rain",
    });
  });
});

describe("structured output and vision", () => {
  it("response_format json_schema is passed through and honoured", async () => {
    const u = await user();
    const response_format = {
      type: "json_schema" as const,
      json_schema: {
        name: "city",
        strict: true,
        schema: {
          type: "object",
          properties: { name: { type: "string" }, population: { type: "integer" } },
          required: ["name", "population"],
          additionalProperties: false,
        },
      },
    };
    const res = await u.sdk.chat.completions.create({
      model: MODELS.chat,
      messages: ask,
      response_format,
    });
    expect(sent().response_format).toEqual(response_format);
    expect(JSON.parse(res.choices[0].message.content!)).toEqual({ name: "mock", population: 1 });
  });

  it("image_url parts with a data URL travel intact and are not counted as text", async () => {
    const u = await user();
    const png = await sharp({
      create: { width: 160, height: 160, channels: 3, background: { r: 200, g: 30, b: 90 } },
    })
      .png({ compressionLevel: 0 })
      .toBuffer();
    const url = `data:image/png;base64,${png.toString("base64")}`;
    expect(url.length).toBeGreaterThan(20000);
    const content = [
      { type: "text" as const, text: "what colour is this?" },
      { type: "image_url" as const, image_url: { url, detail: "low" as const } },
    ];
    const res = await u.sdk.chat.completions.create({
      model: MODELS.chat,
      messages: [{ role: "user", content }],
    });
    expect(sent().messages).toEqual([{ role: "user", content }]);
    expect(res.choices[0].message.content).toBe("mock upstream reply [saw 1 image(s)]");
    // The hold priced the image as tokens (85 at low detail), not as 70 K characters.
    const [tx] = (await allTransactions(app, u.token)).filter((t) => t.reason === "chat");
    expect(tx.status).toBe("success");
    expect(tx.delta).toBe(-priced(res.usage!.prompt_tokens, res.usage!.completion_tokens));
  });
});

describe("sampling parameters", () => {
  it("n > 1: every choice back, held for n replies, charged on the usage of all of them", async () => {
    const u = await user();
    const res = await u.sdk.chat.completions.create({
      model: MODELS.chat,
      messages: ask,
      n: 3,
      max_tokens: 40,
    });
    expect(sent()).toMatchObject({ n: 3, max_tokens: 40 });
    expect(res.choices.map((c) => c.index)).toEqual([0, 1, 2]);
    expect(res.usage!.completion_tokens).toBe(15);
    const [tx] = (await allTransactions(app, u.token)).filter((t) => t.reason === "chat");
    // The hold covered 3 × 40 output tokens; the charge is the 15 produced.
    expect(tx.meta.held).toBeGreaterThanOrEqual(priced(res.usage!.prompt_tokens, 120));
    expect(tx.delta).toBe(-priced(res.usage!.prompt_tokens, 15));
    await expectLedgerMatches(app, u.token);
  });

  it("seed, stop and logprobs reach the provider; the answer carries what it sent", async () => {
    const u = await user();
    const res = await u.sdk.chat.completions.create({
      model: MODELS.chat,
      messages: ask,
      seed: 7,
      stop: [" reply"],
      logprobs: true,
      top_logprobs: 2,
    });
    expect(sent()).toMatchObject({ seed: 7, stop: [" reply"], logprobs: true, top_logprobs: 2 });
    expect(res.system_fingerprint).toBe("fp_seed_7");
    expect(res.choices[0].message.content).toBe("mock upstream");
    const lp = res.choices[0].logprobs!.content!;
    expect(lp.map((l) => l.token).join("")).toBe("mock upstream");
    expect(lp[0].top_logprobs).toHaveLength(2);
  });

  it("streamed logprobs arrive with their chunks", async () => {
    const u = await user();
    up.setMode({ chunkCount: 3, reply: "alpha beta gamma" });
    const stream = await u.sdk.chat.completions.create({
      model: MODELS.chat,
      messages: ask,
      logprobs: true,
      stream: true,
    });
    const tokens: string[] = [];
    for await (const chunk of stream)
      for (const l of chunk.choices[0]?.logprobs?.content ?? []) tokens.push(l.token);
    expect(tokens.join("")).toBe("alpha beta gamma");
    await settled(app, u.token);
    await expectLedgerMatches(app, u.token);
  });
});
