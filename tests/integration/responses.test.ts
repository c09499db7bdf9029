import OpenAI from "openai";
import type { ResponseStreamEvent } from "openai/resources/responses/responses";
import { beforeAll, describe, expect, it } from "vitest";
import { chatCharge } from "@/lib/pricing/compute";
import { api, type App } from "../helpers/app";
import { balance, expectLedgerMatches, settled } from "../helpers/chat";
import { aiCharges, COMPAT_PRICING, fundedUser, MODELS, compatSuite } from "../helpers/compat";
import { sqlQuery } from "../helpers/db";
import { type MockUpstream } from "../mocks/openai-server";

// The Responses API as the official SDK uses it, served on a chat model: what goes upstream (a
// Chat Completions request), what comes back (Responses objects and events), what it costs,
// and the stored responses that previous_response_id and GET /v1/responses/{id} read.

const suite = compatSuite({
  RESPONSES_MAX_PER_USER: "3",
});
let app: App;
let up: MockUpstream;
let admin: string;
beforeAll(() => ({ app, up, admin } = suite));

async function user(credits = 1000) {
  const u = await fundedUser(app, admin, credits);
  return { ...u, sdk: new OpenAI({ baseURL: `${app.url}/v1`, apiKey: u.token, maxRetries: 0 }) };
}
const upstreamChats = () => up.requests.filter((r) => r.path === "/v1/chat/completions");
const lastChat = () => upstreamChats().at(-1)!.body as Record<string, unknown>;
const priced = (pt: number, ct: number) =>
  chatCharge(COMPAT_PRICING, { promptTokens: pt, completionTokens: ct }, Number.MAX_SAFE_INTEGER);

describe("POST /v1/responses (non-streamed)", () => {
  it("answers a Response, sends a clean chat request upstream and bills it as chat", async () => {
    const u = await user();
    const { data, response } = await u.sdk.responses
      .create({ model: MODELS.chat, input: "hello there", instructions: "be brief" })
      .withResponse();
    expect(data).toMatchObject({
      object: "response",
      status: "completed",
      model: MODELS.chat,
      instructions: "be brief",
      store: true,
      error: null,
      output: [
        {
          type: "message",
          role: "assistant",
          status: "completed",
          content: [{ type: "output_text", text: "mock upstream reply", annotations: [] }],
        },
      ],
    });
    expect(data.id).toMatch(/^resp_/);
    expect(data.output_text).toBe("mock upstream reply");
    expect(lastChat()).toEqual({
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: "be brief" },
        { role: "user", content: "hello there" },
      ],
    });
    const usage = data.usage!;
    expect(usage).toMatchObject({ input_tokens: 4, output_tokens: 5, total_tokens: 9 });
    const cost = priced(usage.input_tokens, usage.output_tokens);
    expect(await balance(app, u.token)).toBe(1000 - cost);
    const [tx] = await aiCharges(app, u.token);
    expect(tx).toMatchObject({
      reason: "chat",
      status: "success",
      delta: -cost,
      requestId: response.headers.get("x-request-id"),
    });
    const [row] = await sqlQuery<{ meta: string; operation: string }>(
      app.databaseUrl,
      `SELECT meta FROM credit_transactions WHERE "requestId" = ?`,
      [tx.requestId],
    );
    expect(JSON.parse(row.meta)).toMatchObject({ api: "responses", operation: "chat" });
    const [usageRow] = await sqlQuery(
      app.databaseUrl,
      `SELECT operation, "tokensIn", "tokensOut", "costCredits", status FROM ai_usage WHERE "requestId" = ?`,
      [tx.requestId],
    );
    expect(usageRow).toMatchObject({
      operation: "chat",
      tokensIn: 4,
      tokensOut: 5,
      status: "success",
    });
    expect(Number(usageRow.costCredits)).toBe(cost);
    await expectLedgerMatches(app, u.token);
  });

  it("the /api/ai twin answers the same way", async () => {
    const u = await user();
    const res = await api(app, u.token)("/api/ai/responses", {
      body: { model: MODELS.chat, input: "twin" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ object: "response", status: "completed" });
    expect(res.headers.get("x-request-id")).toBeTruthy();
  });

  it("translates message items, images, tools and text.format to Chat Completions", async () => {
    const u = await user();
    const png = `data:image/png;base64,${Buffer.alloc(64, 1).toString("base64")}`;
    const schema = {
      type: "object",
      properties: { city: { type: "string" }, days: { type: "integer" } },
      required: ["city", "days"],
      additionalProperties: false,
    };
    const res = await u.sdk.responses.create({
      model: MODELS.chat,
      input: [
        { role: "developer", content: "answer in JSON" },
        {
          role: "user",
          content: [
            { type: "input_text", text: "plan a trip" },
            { type: "input_image", image_url: png, detail: "low" },
          ],
        },
      ],
      text: { format: { type: "json_schema", name: "trip", schema, strict: true } },
      max_output_tokens: 64,
      temperature: 0.2,
      top_p: 0.5,
      metadata: { ticket: "42" },
    });
    expect(lastChat()).toEqual({
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: "answer in JSON" },
        {
          role: "user",
          content: [
            { type: "text", text: "plan a trip" },
            { type: "image_url", image_url: { url: png, detail: "low" } },
          ],
        },
      ],
      response_format: { type: "json_schema", json_schema: { name: "trip", schema, strict: true } },
      max_tokens: 64,
      temperature: 0.2,
      top_p: 0.5,
    });
    expect(JSON.parse(res.output_text)).toEqual({ city: "mock", days: 1 });
    expect(res).toMatchObject({
      metadata: { ticket: "42" },
      max_output_tokens: 64,
      temperature: 0.2,
      top_p: 0.5,
      text: { format: { type: "json_schema", name: "trip" } },
    });
  });

  it("function tools: a function_call out, its output back in, continued by previous_response_id", async () => {
    const u = await user();
    const tools = [
      {
        type: "function" as const,
        name: "get_weather",
        description: "Weather for a city",
        parameters: {
          type: "object",
          properties: { city: { type: "string" } },
          required: ["city"],
        },
        strict: false,
      },
    ];
    const first = await u.sdk.responses.create({
      model: MODELS.chat,
      input: "weather in Paris?",
      tools,
      tool_choice: { type: "function", name: "get_weather" },
    });
    expect(lastChat()).toMatchObject({
      tools: [
        {
          type: "function",
          function: {
            name: "get_weather",
            description: "Weather for a city",
            parameters: tools[0].parameters,
            strict: false,
          },
        },
      ],
      tool_choice: { type: "function", function: { name: "get_weather" } },
    });
    const [call] = first.output;
    expect(call).toMatchObject({
      type: "function_call",
      name: "get_weather",
      arguments: '{"city":"mock"}',
      status: "completed",
    });
    expect(first.tool_choice).toEqual({ type: "function", name: "get_weather" });
    const callId = (call as { call_id: string }).call_id;

    const second = await u.sdk.responses.create({
      model: MODELS.chat,
      previous_response_id: first.id,
      input: [{ type: "function_call_output", call_id: callId, output: "sunny, 21°C" }],
      tools,
    });
    expect(second.output_text).toBe("tool said: sunny, 21°C");
    expect((lastChat().messages as unknown[]).slice(0, 3)).toEqual([
      { role: "user", content: "weather in Paris?" },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          {
            id: callId,
            type: "function",
            function: { name: "get_weather", arguments: '{"city":"mock"}' },
          },
        ],
      },
      { role: "tool", tool_call_id: callId, content: "sunny, 21°C" },
    ]);
  });
});

describe("stored responses", () => {
  it("previous_response_id continues the conversation; instructions are not carried over", async () => {
    const u = await user();
    const first = await u.sdk.responses.create({
      model: MODELS.chat,
      instructions: "first rules",
      input: "my name is Ada",
    });
    await u.sdk.responses.create({
      model: MODELS.chat,
      previous_response_id: first.id,
      input: "what is my name?",
    });
    expect(lastChat().messages).toEqual([
      { role: "user", content: "my name is Ada" },
      { role: "assistant", content: "mock upstream reply" },
      { role: "user", content: "what is my name?" },
    ]);
    const fetched = await u.sdk.responses.retrieve(first.id);
    expect(fetched).toEqual(first);
  });

  it("item_reference points into the caller's stored outputs", async () => {
    const u = await user();
    const first = await u.sdk.responses.create({ model: MODELS.chat, input: "remember this" });
    await u.sdk.responses.create({
      model: MODELS.chat,
      input: [
        { role: "user", content: "remember this" },
        { type: "item_reference", id: first.output[0].id! },
        { role: "user", content: "again" },
      ],
    });
    expect(lastChat().messages).toEqual([
      { role: "user", content: "remember this" },
      { role: "assistant", content: "mock upstream reply" },
      { role: "user", content: "again" },
    ]);
    const other = await user();
    await expect(
      other.sdk.responses.create({
        model: MODELS.chat,
        input: [{ type: "item_reference", id: first.output[0].id! }],
      }),
    ).rejects.toMatchObject({ status: 400, param: "input[0].id" });
  });

  it("is the owner's alone; store:false is never stored; DELETE removes it", async () => {
    const u = await user();
    const other = await user();
    const mine = await u.sdk.responses.create({ model: MODELS.chat, input: "private" });
    await expect(other.sdk.responses.retrieve(mine.id)).rejects.toBeInstanceOf(
      OpenAI.NotFoundError,
    );
    const before = await balance(app, other.token);
    await expect(
      other.sdk.responses.create({ model: MODELS.chat, previous_response_id: mine.id, input: "x" }),
    ).rejects.toMatchObject({ status: 400, param: "previous_response_id" });
    expect(await balance(app, other.token)).toBe(before);

    const unstored = await u.sdk.responses.create({ model: MODELS.chat, input: "x", store: false });
    expect((unstored as unknown as { store: boolean }).store).toBe(false);
    await expect(u.sdk.responses.retrieve(unstored.id)).rejects.toBeInstanceOf(
      OpenAI.NotFoundError,
    );

    // OpenAI answers the deletion like this; the SDK types it as void but hands the body on.
    expect(await u.sdk.responses.delete(mine.id)).toEqual({
      id: mine.id,
      object: "response",
      deleted: true,
    });
    await expect(u.sdk.responses.retrieve(mine.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    const raw = await api(app, u.token)(`/v1/responses/${mine.id}`, { method: "DELETE" });
    expect(raw.status).toBe(404);
    expect(raw.body.error).toMatchObject({ code: "not_found" });
  });

  it("retention: each user keeps the newest RESPONSES_MAX_PER_USER; expired ones are gone", async () => {
    const u = await user();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++)
      ids.push((await u.sdk.responses.create({ model: MODELS.chat, input: `n${i}` })).id);
    await expect(u.sdk.responses.retrieve(ids[0])).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    for (const id of ids.slice(1)) expect((await u.sdk.responses.retrieve(id)).id).toBe(id);
    await sqlQuery(app.databaseUrl, `UPDATE ai_responses SET "expiresAt" = ? WHERE id = ?`, [
      "2000-01-01T00:00:00.000Z",
      ids[1],
    ]);
    await expect(u.sdk.responses.retrieve(ids[1])).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    const rows = await sqlQuery(app.databaseUrl, `SELECT id FROM ai_responses WHERE "userId" = ?`, [
      u.id,
    ]);
    expect(rows.map((r) => r.id).sort()).toEqual(ids.slice(1).sort());
  });
});

describe("stream: true", () => {
  it("the Responses event sequence, the final response with usage, billed once", async () => {
    const u = await user();
    up.setMode({ chunkCount: 3, reply: "one two three" });
    const stream = await u.sdk.responses.create({
      model: MODELS.chat,
      input: "count to three",
      stream: true,
    });
    const events: ResponseStreamEvent[] = [];
    for await (const e of stream) events.push(e);
    expect(events.map((e) => e.type)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.delta",
      "response.output_text.delta",
      "response.output_text.delta",
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.completed",
    ]);
    const done = events.at(-1) as Extract<ResponseStreamEvent, { type: "response.completed" }>;
    expect(done.response.output[0]).toMatchObject({
      content: [{ type: "output_text", text: "one two three" }],
    });
    expect(done.response.usage).toMatchObject({ input_tokens: 3, output_tokens: 3 });
    expect(lastChat()).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    const txs = await settled(app, u.token);
    const cost = priced(3, 3);
    expect(await balance(app, u.token)).toBe(1000 - cost);
    expect(txs.filter((t) => t.reason === "chat")).toHaveLength(1);
    // Stored when it completed: retrievable and continuable.
    expect((await u.sdk.responses.retrieve(done.response.id)).output_text).toBe("one two three");
  });

  it("the SDK's stream helper accumulates tool calls streamed as argument deltas", async () => {
    const u = await user();
    up.setMode({ toolCalls: 2 });
    const stream = u.sdk.responses.stream({
      model: MODELS.chat,
      input: "look both up",
      tools: [
        {
          type: "function",
          name: "lookup",
          parameters: { type: "object", properties: { q: { type: "string" } } },
          strict: false,
        },
      ],
    });
    const deltas: string[] = [];
    stream.on("response.function_call_arguments.delta", (e) => deltas.push(e.delta));
    const final = await stream.finalResponse();
    expect(final.output).toMatchObject([
      { type: "function_call", name: "lookup", arguments: '{"q":"mock"}', status: "completed" },
      { type: "function_call", name: "lookup", arguments: '{"q":"mock"}', status: "completed" },
    ]);
    expect(deltas.join("")).toBe('{"q":"mock"}{"q":"mock"}');
    expect(deltas.length).toBeGreaterThan(2);
    await settled(app, u.token);
    await expectLedgerMatches(app, u.token);
  });

  it("is SSE with `event:` lines and no [DONE], like OpenAI's", async () => {
    const u = await user();
    const res = await fetch(`${app.url}/v1/responses`, {
      method: "POST",
      headers: { authorization: `Bearer ${u.token}`, "content-type": "application/json" },
      body: JSON.stringify({ model: MODELS.chat, input: "hi", stream: true }),
    });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const text = await res.text();
    expect(text.startsWith("event: response.created\ndata: {")).toBe(true);
    expect(text).not.toContain("[DONE]");
    await settled(app, u.token);
  });
});

describe("errors: the chat error shape, nothing charged", () => {
  it("401, 402, 404, 400 and upstream failures", async () => {
    const anon = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: "not-a-token", maxRetries: 0 });
    await expect(anon.responses.create({ model: MODELS.chat, input: "x" })).rejects.toBeInstanceOf(
      OpenAI.AuthenticationError,
    );
    const poor = await user(0);
    await expect(
      poor.sdk.responses.create({ model: MODELS.chat, input: "x" }),
    ).rejects.toMatchObject({ status: 402, code: "insufficient_credits" });
    const u = await user();
    await expect(u.sdk.responses.create({ model: "nope", input: "x" })).rejects.toMatchObject({
      status: 404,
      code: "model_not_found",
    });
    await expect(
      u.sdk.responses.create({ model: MODELS.embedding, input: "x" }),
    ).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(
      u.sdk.responses.create({
        model: MODELS.chat,
        input: "x",
        tools: [{ type: "web_search_preview" }],
      }),
    ).rejects.toMatchObject({ status: 400, param: "tools[0].type" });
    up.enqueue({
      status: 400,
      body: { error: { message: "bad things" } },
      path: "/chat/completions",
    });
    await expect(u.sdk.responses.create({ model: MODELS.chat, input: "x" })).rejects.toMatchObject({
      status: 502,
      code: "upstream_error",
    });
    expect(await balance(app, u.token)).toBe(1000);
    const txs = await aiCharges(app, u.token);
    expect(txs.every((t) => t.status === "failed")).toBe(true);
    await expectLedgerMatches(app, u.token);
  });
});
