import OpenAI, { toFile } from "openai";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { api, type App } from "../helpers/app";
import { balance, expectLedgerMatches, settled } from "../helpers/chat";
import { aiCharges, fundedUser, MODELS, compatSuite } from "../helpers/compat";
import { type MockUpstream } from "../mocks/openai-server";

// The official `openai` SDK (v6) as a new user would use it, at /v1 and at the /api/ai twins:
// models list and retrieve, images with the default response format (both b64_json and url),
// one call of every other kind, and the typed errors for 401, 402 and 404.

const suite = compatSuite();
let app: App;
let up: MockUpstream;
let admin: string;
beforeAll(() => ({ app, up, admin } = suite));

async function user(credits = 1000, base = "/v1") {
  const u = await fundedUser(app, admin, credits);
  return {
    ...u,
    sdk: new OpenAI({ baseURL: `${app.url}${base}`, apiKey: u.token, maxRetries: 0 }),
  };
}
const png = () =>
  sharp({ create: { width: 24, height: 24, channels: 3, background: { r: 9, g: 90, b: 190 } } })
    .png()
    .toBuffer();

describe("models", () => {
  it.each(["/v1", "/api/ai"])(
    "list and retrieve at %s, slugs with a slash included",
    async (base) => {
      const { sdk } = await user(0, base);
      const ids = [];
      for await (const m of sdk.models.list()) ids.push(m.id);
      expect(ids).toEqual(expect.arrayContaining(Object.values(MODELS)));
      expect(await sdk.models.retrieve(MODELS.slashed)).toEqual({
        id: MODELS.slashed,
        object: "model",
        created: expect.any(Number),
        owned_by: "compat-up",
      });
      const plain = await fetch(`${app.url}${base}/models/${MODELS.slashed}`);
      expect(((await plain.json()) as { id: string }).id).toBe(MODELS.slashed);
      await expect(sdk.models.retrieve("unknown-id")).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    },
  );

  it("an unknown model id is the JSON error shape, not a page", async () => {
    const res = await api(app)("/v1/models/unknown-id");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.body.error).toMatchObject({ code: "model_not_found", param: "model" });
  });
});

describe("images without response_format: both b64_json and url", () => {
  it("generate and edit: the same picture inline and at our media URL; charged once each", async () => {
    const u = await user();
    const gen = await u.sdk.images.generate({ model: MODELS.image, prompt: "a fox" });
    const edit = await u.sdk.images.edit({
      model: MODELS.image,
      prompt: "make it blue",
      image: await toFile(await png(), "in.png", { type: "image/png" }),
    });
    for (const item of [gen.data![0], edit.data![0]]) {
      expect(item.url!.startsWith(`${app.url}/api/media/`)).toBe(true);
      const served = Buffer.from(await (await fetch(item.url!)).arrayBuffer());
      expect(Buffer.from(item.b64_json!, "base64").equals(served)).toBe(true);
    }
    // Upstream got no response_format either: the provider's default, as the client asked.
    expect(up.requests.find((r) => r.path === "/v1/images/generations")!.body).not.toHaveProperty(
      "response_format",
    );
    expect(await balance(app, u.token)).toBe(1000 - 5 - 7);
    expect((await aiCharges(app, u.token)).map((t) => [t.reason, t.delta])).toEqual([
      ["image.edit", -7],
      ["image.generate", -5],
    ]);
  });

  it("an explicit response_format still gets only that field", async () => {
    const u = await user();
    const url = await u.sdk.images.generate({
      model: MODELS.image,
      prompt: "x",
      response_format: "url",
    });
    expect(url.data![0].b64_json).toBeUndefined();
    const b64 = await u.sdk.images.generate({
      model: MODELS.image,
      prompt: "x",
      response_format: "b64_json",
    });
    expect(b64.data![0].url).toBeUndefined();
  });
});

describe("every other call, through the /api/ai twins", () => {
  it("chat, stream, responses, embeddings and speech", async () => {
    const u = await user(1000, "/api/ai");
    const chat = await u.sdk.chat.completions.create({
      model: MODELS.chat,
      messages: [{ role: "user", content: "hi" }],
    });
    expect(chat.choices[0].message.content).toBe("mock upstream reply");
    up.setMode({ chunkCount: 3 });
    const stream = await u.sdk.chat.completions.create({
      model: MODELS.chat,
      messages: [{ role: "user", content: "hi" }],
      stream: true,
    });
    let text = "";
    for await (const c of stream) text += c.choices[0]?.delta?.content ?? "";
    expect(text).toBe("mock upstream reply");
    const resp = await u.sdk.responses.create({ model: MODELS.chat, input: "hi" });
    expect(resp.output_text).toBe("mock upstream reply");
    expect((await u.sdk.responses.retrieve(resp.id)).id).toBe(resp.id);
    const emb = await u.sdk.embeddings.create({ model: MODELS.embedding, input: ["a", "b"] });
    expect(emb.data).toHaveLength(2);
    const speech = await u.sdk.audio.speech.create({
      model: MODELS.speech,
      voice: "alloy",
      input: "hi",
    });
    expect(speech.headers.get("content-type")).toBe("audio/mpeg");
    await settled(app, u.token);
    const reasons = (await aiCharges(app, u.token)).map((t) => t.reason).sort();
    expect(reasons).toEqual(["audio.speech", "chat", "chat", "chat", "embedding"]);
    await expectLedgerMatches(app, u.token);
  });
});

describe("typed errors", () => {
  it("401 AuthenticationError, 402 APIError(insufficient_credits), 404 NotFoundError", async () => {
    const anon = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: "not-a-token", maxRetries: 0 });
    await expect(
      anon.chat.completions.create({
        model: MODELS.chat,
        messages: [{ role: "user", content: "x" }],
      }),
    ).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    const poor = await user(0);
    const e402 = await poor.sdk.embeddings
      .create({ model: MODELS.embedding, input: "x" })
      .catch((e: unknown) => e);
    expect(e402).toBeInstanceOf(OpenAI.APIError);
    expect(e402).toMatchObject({
      status: 402,
      code: "insufficient_credits",
      type: "insufficient_quota",
    });
    await expect(
      poor.sdk.audio.speech.create({ model: "ghost", voice: "alloy", input: "x" }),
    ).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(
      poor.sdk.images.generate({ model: MODELS.chat, prompt: "x" }),
    ).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    expect(up.requests).toHaveLength(0);
  });
});
