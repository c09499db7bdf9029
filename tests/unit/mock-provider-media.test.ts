import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { mockFetch } from "@/lib/providers/mock/handler";
import { mockEmbedding } from "@/lib/providers/mock/embeddings";
import { SAMPLE_RATE, synthesizePcm } from "@/lib/providers/mock/speech";

// The built-in mock provider's embeddings and speech, through the official SDK and its in-process
// fetch, exactly as the gateway reaches it.

const sdk = new OpenAI({
  baseURL: "http://mock.internal/v1",
  apiKey: "no-key",
  fetch: mockFetch as typeof fetch,
  maxRetries: 0,
});

/** Reads a canonical PCM WAV header; throws on anything else. */
function readWav(buf: Buffer) {
  expect(buf.toString("ascii", 0, 4)).toBe("RIFF");
  expect(buf.readUInt32LE(4)).toBe(buf.length - 8);
  expect(buf.toString("ascii", 8, 16)).toBe("WAVEfmt ");
  expect(buf.readUInt16LE(20)).toBe(1); // PCM
  const channels = buf.readUInt16LE(22);
  const rate = buf.readUInt32LE(24);
  const bits = buf.readUInt16LE(34);
  expect(buf.readUInt32LE(28)).toBe((rate * channels * bits) / 8);
  expect(buf.toString("ascii", 36, 40)).toBe("data");
  const size = buf.readUInt32LE(40);
  expect(size).toBe(buf.length - 44);
  const samples = Array.from({ length: size / 2 }, (_, i) => buf.readInt16LE(44 + i * 2));
  return { channels, rate, bits, seconds: size / 2 / rate, samples };
}

const cosine = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);

describe("mock speech", () => {
  it("answers a real, playable WAV whose length follows the text", async () => {
    const res = await sdk.audio.speech.create({
      model: "mock-tts",
      voice: "alloy",
      input: "你好，世界。 Hello there",
      response_format: "wav",
    });
    expect(res.headers.get("content-type")).toBe("audio/wav");
    const wav = readWav(Buffer.from(await res.arrayBuffer()));
    expect(wav).toMatchObject({ channels: 1, rate: 24_000, bits: 16 });
    expect(wav.seconds).toBeGreaterThan(0.5);
    expect(wav.seconds).toBeLessThan(3);
    // Audible, not silence, and never clipping.
    const peak = Math.max(...wav.samples.map(Math.abs));
    expect(peak).toBeGreaterThan(8000);
    expect(peak).toBeLessThan(32767);
    const longer = readWav(
      Buffer.from(
        await (
          await sdk.audio.speech.create({
            model: "mock-tts",
            voice: "alloy",
            input: "你好，世界。 Hello there, and a much longer sentence after it",
            response_format: "wav",
          })
        ).arrayBuffer(),
      ),
    );
    expect(longer.seconds).toBeGreaterThan(wav.seconds * 1.5);
  });

  it("is deterministic per input and voice; speed shortens it; pcm is the bare samples", () => {
    const a = synthesizePcm("same words", "alloy");
    expect(synthesizePcm("same words", "alloy").equals(a)).toBe(true);
    expect(synthesizePcm("same words", "verse").equals(a)).toBe(false);
    const fast = synthesizePcm("same words", "alloy", 2);
    expect(Math.abs(fast.length * 2 - a.length)).toBeLessThanOrEqual(8);
    expect(a.length / 2 / SAMPLE_RATE).toBeGreaterThan(0.4);
  });

  it("MP3 (the default) is answered as WAV, labelled as such; bad input is a 400", async () => {
    const res = await sdk.audio.speech.create({ model: "mock-tts", voice: "alloy", input: "hi" });
    expect(res.headers.get("content-type")).toBe("audio/wav");
    readWav(Buffer.from(await res.arrayBuffer()));
    await expect(
      sdk.audio.speech.create({ model: "mock-tts", voice: "alloy", input: "  " }),
    ).rejects.toBeInstanceOf(OpenAI.BadRequestError);
  });
});

describe("mock embeddings", () => {
  it("deterministic unit vectors; related texts are closer than unrelated ones", async () => {
    const res = await sdk.embeddings.create({
      model: "mock-embedding",
      input: ["the cat sat on the mat", "a cat sat on a mat", "quarterly revenue report"],
      encoding_format: "float",
    });
    const [a, b, c] = res.data.map((d) => d.embedding);
    expect(a).toHaveLength(256);
    expect(Math.abs(cosine(a, a) - 1)).toBeLessThan(1e-4);
    expect(cosine(a, b)).toBeGreaterThan(cosine(a, c) + 0.2);
    expect(mockEmbedding("the cat sat on the mat")).toEqual(a);
    expect(res.usage.prompt_tokens).toBeGreaterThan(0);
  });

  it("base64 (the SDK's default) decodes to the same floats; dimensions are honoured", async () => {
    const viaDefault = await sdk.embeddings.create({ model: "mock-embedding", input: "hello" });
    const floats = await sdk.embeddings.create({
      model: "mock-embedding",
      input: "hello",
      encoding_format: "float",
    });
    viaDefault.data[0].embedding.forEach((x, i) =>
      expect(x).toBeCloseTo(floats.data[0].embedding[i], 5),
    );
    const small = await sdk.embeddings.create({
      model: "mock-embedding",
      input: [1, 2, 3],
      dimensions: 16,
    });
    expect(small.data[0].embedding).toHaveLength(16);
  });
});
