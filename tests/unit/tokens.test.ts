import { describe, expect, it } from "vitest";
import {
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
});
