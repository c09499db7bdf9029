import OpenAI, { toFile } from "openai";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type MockUpstream, startMockUpstream } from "../mocks/openai-server";

// The shared fake upstream must look like OpenAI to the official SDK, or every test built on it lies.
let up: MockUpstream;
let client: OpenAI;
beforeAll(async () => {
  up = await startMockUpstream({ apiKey: "sk-up" });
  client = new OpenAI({ baseURL: up.url, apiKey: "sk-up", maxRetries: 0 });
});
beforeEach(() => up.reset());
afterAll(() => up.stop());

describe("mock upstream", () => {
  it("lists models and records headers", async () => {
    up.setModels([{ id: "a" }, { id: "b" }]);
    const page = await client.models.list();
    expect(page.data.map((m) => m.id)).toEqual(["a", "b"]);
    expect(up.requests[0].headers.authorization).toBe("Bearer sk-up");
  });

  it("rejects a wrong key with an OpenAI 401", async () => {
    const bad = new OpenAI({ baseURL: up.url, apiKey: "nope", maxRetries: 0 });
    await expect(bad.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it("streams chunks with a usage chunk when asked", async () => {
    up.setMode({ chunkCount: 3, reply: "one two three" });
    const stream = await client.chat.completions.create({
      model: "m",
      messages: [{ role: "user", content: "hello there" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    let usage: unknown = null;
    for await (const c of stream) {
      text += c.choices[0]?.delta?.content ?? "";
      if (c.usage) usage = c.usage;
    }
    expect(text).toBe("one two three");
    expect(usage).toEqual({ prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 });
    up.setMode({ usageInStream: false });
    const again = await client.chat.completions.create({
      model: "m",
      messages: [{ role: "user", content: "x" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const c of again) expect(c.usage ?? null).toBeNull();
  });

  it("serves scripted failures in order", async () => {
    up.enqueue({ status: 500, body: { error: { message: "boom" } } });
    await expect(client.models.list()).rejects.toBeInstanceOf(OpenAI.InternalServerError);
    expect((await client.models.list()).data.length).toBe(3);
  });

  it("generates images as b64 or url and accepts multipart edits", async () => {
    const b64 = await client.images.generate({
      model: "i",
      prompt: "p",
      size: "1792x1024",
      n: 2,
      response_format: "b64_json",
    });
    expect(b64.data).toHaveLength(2);
    const meta = await sharp(Buffer.from(b64.data![0].b64_json!, "base64")).metadata();
    expect(meta.width! > meta.height!).toBe(true);
    const url = await client.images.generate({ model: "i", prompt: "p", response_format: "url" });
    const res = await fetch(url.data![0].url!);
    expect(res.headers.get("content-type")).toBe("image/png");
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#fff" } })
      .png()
      .toBuffer();
    const edit = await client.images.edit({
      model: "i",
      prompt: "tint",
      image: await toFile(png, "a.png", { type: "image/png" }),
    });
    expect(edit.data).toHaveLength(1);
    const body = up.requests.at(-1)!.body as {
      fields: Record<string, string>;
      files: { field: string; size: number }[];
    };
    expect(body.fields.prompt).toBe("tint");
    expect(body.files[0]).toMatchObject({ field: "image", size: png.length });
  });

  it("answers tools with tool calls (streamed as deltas), then reads the tool's result", async () => {
    const tools = [
      {
        type: "function" as const,
        function: {
          name: "f",
          parameters: { type: "object", properties: { n: { type: "integer", minimum: 3 } } },
        },
      },
    ];
    const messages = [{ role: "user" as const, content: "go" }];
    const plain = await client.chat.completions.create({ model: "m", messages, tools });
    expect(plain.choices[0]).toMatchObject({
      finish_reason: "tool_calls",
      message: { content: null, tool_calls: [{ function: { name: "f", arguments: '{"n":3}' } }] },
    });
    const stream = await client.chat.completions.create({
      model: "m",
      messages,
      tools,
      stream: true,
    });
    let args = "";
    for await (const c of stream)
      args += c.choices[0]?.delta?.tool_calls?.[0]?.function?.arguments ?? "";
    expect(args).toBe('{"n":3}');
    const call = plain.choices[0].message.tool_calls![0];
    const answer = await client.chat.completions.create({
      model: "m",
      tools,
      messages: [
        ...messages,
        plain.choices[0].message,
        { role: "tool", tool_call_id: call.id, content: "42" },
      ],
    });
    expect(answer.choices[0].message.content).toBe("tool said: 42");
    const none = await client.chat.completions.create({
      model: "m",
      messages,
      tools,
      tool_choice: "none",
    });
    expect(none.choices[0].message.content).toBe("mock upstream reply");
  });

  it("embeddings (floats or base64) and speech bytes per format", async () => {
    const viaBase64 = await client.embeddings.create({ model: "e", input: ["a b", "c"] });
    const floats = await client.embeddings.create({
      model: "e",
      input: ["a b", "c"],
      encoding_format: "float",
    });
    expect(viaBase64.data[1].embedding).toHaveLength(8);
    viaBase64.data[0].embedding.forEach((x, i) =>
      expect(x).toBeCloseTo(floats.data[0].embedding[i], 4),
    );
    expect(floats.usage.prompt_tokens).toBe(3);
    const wav = await client.audio.speech.create({
      model: "t",
      voice: "v",
      input: "hi",
      response_format: "wav",
    });
    expect(Buffer.from(await wav.arrayBuffer()).toString("ascii", 0, 4)).toBe("RIFF");
    const mp3 = await client.audio.speech.create({ model: "t", voice: "v", input: "hi" });
    expect(mp3.headers.get("content-type")).toBe("audio/mpeg");
  });
});
