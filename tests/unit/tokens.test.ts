import { Tiktoken } from "js-tiktoken/lite";
import cl100k from "js-tiktoken/ranks/cl100k_base";
import o200k from "js-tiktoken/ranks/o200k_base";
import { describe, expect, it } from "vitest";
import {
  TokenCounter,
  countTextTokens,
  encodingFor,
  estimatePromptTokens,
  messageChars,
} from "@/lib/gateway/tokens";

describe("token estimation", () => {
  it("picks o200k for newer OpenAI families and cl100k otherwise", () => {
    expect(encodingFor("gpt-4o-mini")).toBe("o200k_base");
    expect(encodingFor("openai/gpt-5")).toBe("o200k_base");
    expect(encodingFor("gpt-3.5-turbo")).toBe("cl100k_base");
    expect(encodingFor("llama3")).toBe("cl100k_base");
  });

  it("counts text with the real BPE tables", async () => {
    // Known counts: "hello world" is 2 tokens in both; cl100k splits this sentence into 10.
    expect(await countTextTokens("hello world", "gpt-4o")).toBe(2);
    expect(await countTextTokens("hello world", "gpt-4")).toBe(2);
    expect(await countTextTokens("The quick brown fox jumps over the lazy dog.", "gpt-4")).toBe(10);
    expect(await countTextTokens("", "gpt-4")).toBe(0);
  });

  it("treats special-token text in content as ordinary text", async () => {
    expect(await countTextTokens("<|endoftext|>", "gpt-4")).toBeGreaterThan(1);
  });

  it("counts Chinese text", async () => {
    const n = await countTextTokens("你好，世界！今天天气很好。", "gpt-4o");
    expect(n).toBeGreaterThan(3);
    expect(n).toBeLessThan(20);
  });

  it("adds OpenAI's per-message framing (matches the cookbook example)", async () => {
    // 3 priming + per message (3 + role + content).
    const one = await estimatePromptTokens([{ role: "user", content: "hello world" }], "gpt-4");
    expect(one).toBe(3 + 3 + 1 + 2);
    const named = await estimatePromptTokens(
      [{ role: "user", content: "hello world", name: "bob" }],
      "gpt-4",
    );
    expect(named).toBe(one + 1 + 1);
  });

  it("grows with content, counts parts and tools", async () => {
    const short = await estimatePromptTokens([{ role: "user", content: "hi" }], "gpt-4o");
    const long = await estimatePromptTokens(
      [{ role: "user", content: "hi ".repeat(500) }],
      "gpt-4o",
    );
    expect(long).toBeGreaterThan(short + 400);
    const parts = await estimatePromptTokens(
      [
        {
          role: "user",
          content: [
            { type: "text", text: "hi" },
            { type: "image_url", image_url: { url: "x", detail: "low" } },
          ],
        },
      ],
      "gpt-4o",
    );
    expect(parts).toBe(short + 85);
    const withTools = await estimatePromptTokens([{ role: "user", content: "hi" }], "gpt-4o", [
      { type: "function", function: { name: "get_weather", parameters: { type: "object" } } },
    ]);
    expect(withTools).toBeGreaterThan(short + 5);
  });

  it("measures characters for CHAT_MAX_CHARS", () => {
    expect(
      messageChars([
        { role: "user", content: "abc" },
        { role: "assistant", content: [{ type: "text", text: "de" }] },
      ]),
    ).toBe(5);
  });

  it("counts exactly what js-tiktoken's encoder counts, on both tables", () => {
    const samples = [
      "hello world",
      "The quick brown fox jumps over the lazy dog.",
      "你好，世界！今天天气很好。生成一张赛博朋克风格的城市夜景。",
      "emoji 🤖🎨🚀 and ZWJ 👩‍💻 sequences",
      "<|endoftext|> <|im_start|>user\nspecial-token text as ordinary text<|im_end|>",
      "   leading spaces, tabs\t\tand\n\nnewlines   ",
      "camelCaseIdentifiers snake_case_words kebab-case-words 1234567890 3.14159",
      '{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}',
      "Ünïcödé àccents, Кириллица, العربية, हिन्दी, 日本語のテキスト",
      "x".repeat(300) + " " + "ab".repeat(150),
      "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk",
      "\u0000\u0001 control \uFFFD replacement",
    ];
    for (const bpe of [cl100k, o200k]) {
      const reference = new Tiktoken(bpe);
      const lean = new TokenCounter(bpe);
      for (const text of samples)
        expect(lean.count(text), text).toBe(reference.encode(text, [], []).length);
    }
  });
});
