import { AIMessageChunk, HumanMessage, ToolMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { ChatOpenAI, DallEAPIWrapper, OpenAIEmbeddings } from "@langchain/openai";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { chatCharge } from "@/lib/pricing/compute";
import { type App } from "../helpers/app";
import { balance, expectLedgerMatches, settled } from "../helpers/chat";
import { aiCharges, COMPAT_PRICING, fundedUser, MODELS, compatSuite } from "../helpers/compat";
import { type MockUpstream } from "../mocks/openai-server";

// LangChain (@langchain/openai 1.5), used as its docs show: ChatOpenAI on Chat Completions and
// with useResponsesApi, streaming, bound tools, structured output, OpenAIEmbeddings and the DALL·E
// tool, pointed at /v1 with a personal token. (LangChain's OpenAI package has no image-edit or
// speech client; those are covered by the official SDK and the AI SDK suites.)

const suite = compatSuite();
let app: App;
let up: MockUpstream;
let admin: string;
beforeAll(() => ({ app, up, admin } = suite));

async function user(credits = 1000) {
  return fundedUser(app, admin, credits);
}
const chatModel = (token: string, extra: Record<string, unknown> = {}) =>
  new ChatOpenAI({
    model: MODELS.chat,
    apiKey: token,
    configuration: { baseURL: `${app.url}/v1` },
    maxRetries: 0,
    ...extra,
  });
const priced = (pt: number, ct: number) =>
  chatCharge(COMPAT_PRICING, { promptTokens: pt, completionTokens: ct }, Number.MAX_SAFE_INTEGER);
const weather = tool(async ({ city }) => `sunny in ${city}`, {
  name: "get_weather",
  description: "Weather for a city",
  schema: z.object({ city: z.string() }),
});

describe.each([
  ["Chat Completions", {}],
  ["the Responses API", { useResponsesApi: true }],
])("ChatOpenAI on %s", (_, extra) => {
  it("invoke: the reply, its usage, charged exactly", async () => {
    const u = await user();
    const reply = await chatModel(u.token, extra).invoke("hello there");
    expect(reply.text).toBe("mock upstream reply");
    expect(reply.usage_metadata).toMatchObject({ input_tokens: 2, output_tokens: 5 });
    expect(await balance(app, u.token)).toBe(1000 - priced(2, 5));
  });

  it("stream: chunks as they arrive, billed once", async () => {
    const u = await user();
    up.setMode({ chunkCount: 3, reply: "one two three" });
    let text = "";
    let chunks = 0;
    for await (const chunk of await chatModel(u.token, extra).stream("count")) {
      text += chunk.text;
      chunks++;
    }
    expect(text).toBe("one two three");
    expect(chunks).toBeGreaterThanOrEqual(3);
    await settled(app, u.token);
    expect(await balance(app, u.token)).toBe(1000 - priced(1, 3));
  });

  it("bound tools: a tool call, then the answer from its result", async () => {
    const u = await user();
    const model = chatModel(u.token, extra).bindTools([weather]);
    const question = new HumanMessage("weather in Paris?");
    const first = await model.invoke([question]);
    expect(first.tool_calls).toMatchObject([{ name: "get_weather", args: { city: "mock" } }]);
    const call = first.tool_calls![0];
    const result = await weather.invoke(call.args as { city: string });
    const second = await model.invoke([
      question,
      first,
      new ToolMessage({ content: result, tool_call_id: call.id! }),
    ]);
    expect(second.text).toBe("tool said: sunny in mock");
    await expectLedgerMatches(app, u.token);
  });

  it("streamed tool calls are assembled from their deltas", async () => {
    const u = await user();
    let merged: AIMessageChunk | undefined;
    for await (const chunk of await chatModel(u.token, extra)
      .bindTools([weather])
      .stream("weather?"))
      merged = merged ? merged.concat(chunk) : chunk;
    expect(merged!.tool_calls).toMatchObject([{ name: "get_weather", args: { city: "mock" } }]);
    await settled(app, u.token);
  });

  it("withStructuredOutput", async () => {
    const u = await user();
    const trip = await chatModel(u.token, extra)
      .withStructuredOutput(z.object({ city: z.string(), days: z.number() }), { name: "trip" })
      .invoke("plan a trip");
    expect(trip).toEqual({ city: "mock", days: 1 });
  });
});

describe("embeddings and images", () => {
  it("OpenAIEmbeddings: embedQuery and embedDocuments", async () => {
    const u = await user();
    const embeddings = new OpenAIEmbeddings({
      model: MODELS.embedding,
      apiKey: u.token,
      configuration: { baseURL: `${app.url}/v1` },
      maxRetries: 0,
    });
    expect(await embeddings.embedQuery("one")).toHaveLength(8);
    const docs = await embeddings.embedDocuments(["a", "b", "c"]);
    expect(docs.map((d) => d.length)).toEqual([8, 8, 8]);
    const charges = await aiCharges(app, u.token);
    expect(charges.every((t) => t.reason === "embedding" && t.status === "success")).toBe(true);
    await expectLedgerMatches(app, u.token);
  });

  it("DallEAPIWrapper: a URL on our own media route", async () => {
    const u = await user();
    const dalle = new DallEAPIWrapper({
      model: MODELS.image,
      apiKey: u.token,
      baseUrl: `${app.url}/v1`,
    });
    const url = await dalle.invoke("a lighthouse");
    expect(url.startsWith(`${app.url}/api/media/`)).toBe(true);
    expect((await fetch(url)).headers.get("content-type")).toBe("image/png");
    expect(await balance(app, u.token)).toBe(1000 - 5);
  });
});

describe("errors", () => {
  it("401, 402 and 404 surface with their status", async () => {
    const status = async (p: Promise<unknown>) => {
      try {
        await p;
      } catch (err) {
        return (err as { status?: number }).status;
      }
      return "no error";
    };
    expect(await status(chatModel("not-a-token").invoke("x"))).toBe(401);
    const poor = await user(0);
    expect(await status(chatModel(poor.token).invoke("x"))).toBe(402);
    expect(await status(chatModel(poor.token, { model: "ghost" }).invoke("x"))).toBe(404);
    expect(
      await status(chatModel(poor.token, { model: "ghost", useResponsesApi: true }).invoke("x")),
    ).toBe(404);
  });
});
