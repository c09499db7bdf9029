import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import {
  APICallError,
  embed,
  embedMany,
  experimental_generateSpeech as generateSpeech,
  generateImage,
  generateText,
  Output,
  stepCountIs,
  streamText,
  tool,
} from "ai";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { chatCharge } from "@/lib/pricing/compute";
import { type App } from "../helpers/app";
import { balance, expectLedgerMatches, settled } from "../helpers/chat";
import { aiCharges, COMPAT_PRICING, fundedUser, MODELS, compatSuite } from "../helpers/compat";
import { type MockUpstream } from "../mocks/openai-server";

// The Vercel AI SDK (`ai` 6 with @ai-sdk/openai 3 and @ai-sdk/openai-compatible 2), used the way
// its docs show first, against /v1 with a personal token: the default model call (Responses
// API), streaming, a tool loop, structured output, images (generate and edit), embeddings,
// speech and its typed errors — and every credit accounted for.

const suite = compatSuite();
let app: App;
let up: MockUpstream;
let admin: string;
beforeAll(() => ({ app, up, admin } = suite));

async function user(credits = 1000) {
  const u = await fundedUser(app, admin, credits);
  return {
    ...u,
    openai: createOpenAI({ baseURL: `${app.url}/v1`, apiKey: u.token }),
    compatible: createOpenAICompatible({
      name: "aigc-studio",
      baseURL: `${app.url}/v1`,
      apiKey: u.token,
    }),
  };
}
const upstream = (path: string) => up.requests.filter((r) => r.path === path);
const priced = (pt: number, ct: number) =>
  chatCharge(COMPAT_PRICING, { promptTokens: pt, completionTokens: ct }, Number.MAX_SAFE_INTEGER);

describe("@ai-sdk/openai: the default model (Responses API)", () => {
  it("generateText", async () => {
    const u = await user();
    const result = await generateText({ model: u.openai(MODELS.chat), prompt: "say hello" });
    expect(result.text).toBe("mock upstream reply");
    expect(result.response.id).toMatch(/^resp_/);
    expect(result.usage).toMatchObject({ inputTokens: 2, outputTokens: 5 });
    expect(upstream("/v1/chat/completions")).toHaveLength(1);
    expect(await balance(app, u.token)).toBe(1000 - priced(2, 5));
    await expectLedgerMatches(app, u.token);
  });

  it("streamText", async () => {
    const u = await user();
    up.setMode({ chunkCount: 3, reply: "streamed three words" });
    const result = streamText({ model: u.openai(MODELS.chat), prompt: "stream please" });
    let text = "";
    for await (const piece of result.textStream) text += piece;
    expect(text).toBe("streamed three words");
    expect(await result.usage).toMatchObject({ inputTokens: 2, outputTokens: 3 });
    await settled(app, u.token);
    expect(await balance(app, u.token)).toBe(1000 - priced(2, 3));
  });

  it("a tool loop: the call, our execute, the answer from its result — two billed calls", async () => {
    const u = await user();
    const result = await generateText({
      model: u.openai(MODELS.chat),
      prompt: "weather in Paris?",
      tools: {
        weather: tool({
          description: "Weather for a city",
          inputSchema: z.object({ city: z.string() }),
          execute: async ({ city }) => `sunny in ${city}`,
        }),
      },
      stopWhen: stepCountIs(3),
    });
    expect(result.steps).toHaveLength(2);
    expect(result.steps[0].toolCalls).toMatchObject([
      { toolName: "weather", input: { city: "mock" } },
    ]);
    expect(result.text).toContain("sunny in mock");
    const charges = await aiCharges(app, u.token);
    expect(charges.filter((t) => t.reason === "chat" && t.status === "success")).toHaveLength(2);
    await expectLedgerMatches(app, u.token);
  });

  it("structured output (text.format json_schema)", async () => {
    const u = await user();
    const result = await generateText({
      model: u.openai(MODELS.chat),
      prompt: "plan a trip",
      output: Output.object({ schema: z.object({ city: z.string(), days: z.number() }) }),
    });
    expect(result.output).toEqual({ city: "mock", days: 1 });
  });

  it("the chat completions model (openai.chat) with tools, streamed", async () => {
    const u = await user();
    const result = streamText({
      model: u.openai.chat(MODELS.chat),
      prompt: "look it up",
      tools: { lookup: tool({ inputSchema: z.object({ q: z.string() }) }) },
    });
    const calls = await result.toolCalls;
    expect(calls).toMatchObject([{ toolName: "lookup", input: { q: "mock" } }]);
    await settled(app, u.token);
    await expectLedgerMatches(app, u.token);
  });
});

describe("@ai-sdk/openai: images, embeddings, speech", () => {
  it("generateImage", async () => {
    const u = await user();
    const { image } = await generateImage({
      model: u.openai.image(MODELS.image),
      prompt: "a red fox",
      size: "1024x1024",
    });
    expect((await sharp(Buffer.from(image.uint8Array)).metadata()).format).toBe("png");
    expect(await balance(app, u.token)).toBe(1000 - 5);
  });

  it("generateImage with an edit (prompt.images) succeeds and is charged exactly once", async () => {
    const u = await user();
    const png = await sharp({
      create: { width: 32, height: 32, channels: 3, background: { r: 10, g: 200, b: 30 } },
    })
      .png()
      .toBuffer();
    const { images } = await generateImage({
      model: u.openai.image(MODELS.image),
      prompt: { text: "make it blue", images: [png] },
      maxRetries: 0,
    });
    expect(images).toHaveLength(1);
    expect((await sharp(Buffer.from(images[0].uint8Array)).metadata()).format).toBe("png");
    // The SDK sent no response_format, as it does for current OpenAI image models.
    const edits = upstream("/v1/images/edits");
    expect(edits).toHaveLength(1);
    expect(edits[0].body).toMatchObject({
      fields: { model: "gpt-image-1", prompt: "make it blue" },
    });
    const charges = await aiCharges(app, u.token);
    expect(charges).toMatchObject([{ reason: "image.edit", status: "success", delta: -7 }]);
    expect(await balance(app, u.token)).toBe(1000 - 7);
  });

  it("embed and embedMany", async () => {
    const u = await user();
    const one = await embed({ model: u.openai.embedding(MODELS.embedding), value: "sunny day" });
    expect(one.embedding).toHaveLength(8);
    const many = await embedMany({
      model: u.openai.embedding(MODELS.embedding),
      values: ["a b", "c d e"],
    });
    expect(many.embeddings.map((e) => e.length)).toEqual([8, 8]);
    expect(many.usage.tokens).toBe(5);
    const charges = await aiCharges(app, u.token);
    expect(charges.filter((t) => t.reason === "embedding" && t.status === "success")).toHaveLength(
      2,
    );
    await expectLedgerMatches(app, u.token);
  });

  it("generateSpeech", async () => {
    const u = await user();
    const { audio } = await generateSpeech({
      model: u.openai.speech(MODELS.speech),
      text: "hello world",
      voice: "alloy",
    });
    expect(Buffer.from(audio.uint8Array).subarray(0, 3).toString()).toBe("ID3");
    expect(audio.mediaType).toMatch(/^audio\/mp(3|eg)$/);
    // 1 + 100 × 11 / 1000 → 3
    expect(await balance(app, u.token)).toBe(1000 - 3);
  });

  it("the built-in mock's WAV, as the SDK receives it", async () => {
    const u = await user();
    const { audio } = await generateSpeech({
      model: u.openai.speech("mock-tts"),
      text: "你好",
      voice: "alloy",
      outputFormat: "wav",
    });
    expect(Buffer.from(audio.uint8Array).toString("ascii", 0, 4)).toBe("RIFF");
    expect(audio.mediaType).toBe("audio/wav");
  });
});

describe("@ai-sdk/openai-compatible", () => {
  it("chat, stream, embeddings and an image edit", async () => {
    const u = await user();
    const text = await generateText({ model: u.compatible(MODELS.chat), prompt: "hi" });
    expect(text.text).toBe("mock upstream reply");
    up.setMode({ chunkCount: 3 });
    const stream = streamText({ model: u.compatible.chatModel(MODELS.slashed), prompt: "hi" });
    let streamed = "";
    for await (const piece of stream.textStream) streamed += piece;
    expect(streamed).toBe("mock upstream reply");
    const { embedding } = await embed({
      model: u.compatible.embeddingModel(MODELS.embedding),
      value: "x",
    });
    expect(embedding).toHaveLength(8);
    const png = await sharp({
      create: { width: 16, height: 16, channels: 3, background: { r: 1, g: 2, b: 3 } },
    })
      .png()
      .toBuffer();
    const { image } = await generateImage({
      model: u.compatible.imageModel(MODELS.image),
      prompt: { text: "edit", images: [png] },
    });
    expect((await sharp(Buffer.from(image.uint8Array)).metadata()).format).toBe("png");
    await settled(app, u.token);
    await expectLedgerMatches(app, u.token);
  });
});

describe("typed errors", () => {
  async function callError(run: () => Promise<unknown>): Promise<APICallError> {
    try {
      await run();
    } catch (err) {
      const e = (err as { lastError?: unknown }).lastError ?? err;
      expect(APICallError.isInstance(e), String(err)).toBe(true);
      return e as APICallError;
    }
    throw new Error("expected an APICallError");
  }

  it("401 bad token, 402 no credits, 404 unknown model — in the contract's error shape", async () => {
    const bad = createOpenAI({ baseURL: `${app.url}/v1`, apiKey: "not-a-token" });
    const e401 = await callError(() =>
      generateText({ model: bad(MODELS.chat), prompt: "x", maxRetries: 0 }),
    );
    expect(e401.statusCode).toBe(401);
    const poor = await user(0);
    const e402 = await callError(() =>
      generateText({ model: poor.openai(MODELS.chat), prompt: "x", maxRetries: 0 }),
    );
    expect(e402.statusCode).toBe(402);
    expect(JSON.parse(e402.responseBody!).error.code).toBe("insufficient_credits");
    const u = await user();
    const e404 = await callError(() =>
      embed({ model: u.openai.embedding("no-such-model"), value: "x", maxRetries: 0 }),
    );
    expect(e404.statusCode).toBe(404);
    expect(e404.message).toContain("no-such-model");
    expect(await balance(app, u.token)).toBe(1000);
  });
});
