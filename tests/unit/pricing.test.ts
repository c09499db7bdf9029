import { describe, expect, it } from "vitest";
import {
  chatCharge,
  chatHold,
  chatMaxOut,
  EMBEDDING_HOLD_MARGIN,
  embeddingCharge,
  embeddingHold,
  imageCharge,
  imageCost,
  type PricingTable,
  roundCredits,
  speechCost,
} from "@/lib/pricing/compute";

describe("roundCredits", () => {
  it.each([
    [1.2, "ceil", 2],
    [1.2, "round", 1],
    [1.5, "round", 2],
    [1.8, "floor", 1],
    [2, "ceil", 2],
    [0.1 * 3, "ceil", 1],
    [1.0000000000000002, "ceil", 1],
    [0.30000000000000004 * 10, "floor", 3],
    [-0.4, "ceil", 0],
  ] as const)("%s with %s → %s", (total, mode, expected) => {
    expect(roundCredits(total, mode)).toBe(expected);
  });
  it("defaults to ceil", () => expect(roundCredits(0.01)).toBe(1));
});

describe("chatMaxOut", () => {
  it("uses max_tokens when given", () => {
    expect(
      chatMaxOut({ maxTokens: 50, promptTokens: 100, contextWindow: 8192, defaultMaxTokens: 4096 }),
    ).toBe(50);
  });
  it("defaults to CHAT_DEFAULT_MAX_TOKENS when it fits", () => {
    expect(chatMaxOut({ promptTokens: 100, contextWindow: 8192, defaultMaxTokens: 4096 })).toBe(
      4096,
    );
  });
  it("caps the default by what is left of the context window", () => {
    expect(chatMaxOut({ promptTokens: 7000, contextWindow: 8192, defaultMaxTokens: 4096 })).toBe(
      1192,
    );
    expect(chatMaxOut({ promptTokens: 9000, contextWindow: 8192, defaultMaxTokens: 4096 })).toBe(0);
  });
});

const full: PricingTable = {
  chat: { fixedCreditsPerCall: 2, perKTokens: { input: 1, output: 3 }, minCredits: 3 },
};

describe("chat pricing", () => {
  const table: [
    string,
    PricingTable,
    { promptTokens: number; maxOut: number; n?: number },
    number,
  ][] = [
    ["no chat pricing is free", {}, { promptTokens: 1000, maxOut: 1000 }, 0],
    ["fixed only", { chat: { fixedCreditsPerCall: 5 } }, { promptTokens: 1000, maxOut: 1000 }, 5],
    [
      "per-k input and output",
      { chat: { perKTokens: { input: 2, output: 4 } } },
      { promptTokens: 1500, maxOut: 500 },
      5,
    ],
    ["fixed + per-k, ceil once", full, { promptTokens: 10, maxOut: 100 }, 3], // 2 + 0.01 + 0.3 = 2.31 → 3
    [
      "n multiplies the output",
      { chat: { perKTokens: { input: 0, output: 1 } } },
      { promptTokens: 0, maxOut: 1000, n: 3 },
      3,
    ],
    [
      "minCredits raises a small hold",
      { chat: { perKTokens: { input: 0, output: 0.001 }, minCredits: 7 } },
      { promptTokens: 1, maxOut: 1 },
      7,
    ],
    [
      "floor rounding",
      { chat: { perKTokens: { input: 1, output: 1 } }, rounding: "floor" },
      { promptTokens: 999, maxOut: 999 },
      1,
    ],
    [
      "round rounding",
      { chat: { perKTokens: { input: 1, output: 1 } }, rounding: "round" },
      { promptTokens: 700, maxOut: 800 },
      2,
    ],
  ];
  it.each(table)("hold: %s", (_name, pricing, input, expected) => {
    expect(chatHold(pricing, input)).toBe(expected);
  });

  it("charge prices the reported usage with rounding applied once", () => {
    const p: PricingTable = {
      chat: { fixedCreditsPerCall: 1, perKTokens: { input: 0.5, output: 1.5 } },
    };
    // 1 + 0.5·0.333 + 1.5·0.667 = 2.1671 → ceil 3
    expect(chatCharge(p, { promptTokens: 333, completionTokens: 667 }, 100)).toBe(3);
    expect(
      chatCharge({ ...p, rounding: "floor" }, { promptTokens: 333, completionTokens: 667 }, 100),
    ).toBe(2);
  });
  it("charge is at least minCredits", () => {
    expect(chatCharge(full, { promptTokens: 0, completionTokens: 0 }, 100)).toBe(3);
  });
  it("charge never exceeds the hold", () => {
    expect(chatCharge(full, { promptTokens: 100_000, completionTokens: 100_000 }, 40)).toBe(40);
  });
  it("charge of a free model is 0", () => {
    expect(
      chatCharge({ rounding: "ceil" }, { promptTokens: 5000, completionTokens: 5000 }, 10),
    ).toBe(0);
  });
  it("the hold always covers a charge for up to maxOut tokens", () => {
    for (const [pt, mo] of [
      [1, 1],
      [123, 4096],
      [9999, 1],
      [4000, 333],
    ]) {
      const hold = chatHold(full, { promptTokens: pt, maxOut: mo });
      for (const used of [0, 1, Math.floor(mo / 2), mo]) {
        const raw = chatCharge(
          full,
          { promptTokens: pt, completionTokens: used },
          Number.MAX_SAFE_INTEGER,
        );
        expect(raw).toBeLessThanOrEqual(hold);
      }
    }
  });
});

describe("image pricing", () => {
  const p: PricingTable = {
    "image.generate": {
      perImage: 4,
      fixedCreditsPerCall: 1,
      sizeFactors: { "1024x1024": 1, "1792x1024": 1.5 },
      qualityFactors: { hd: 2 },
    },
    "image.edit": { perImage: 2.5 },
  };
  it.each([
    [{ n: 1 }, 5],
    [{ n: 2, size: "1024x1024" }, 9],
    [{ n: 2, size: "1792x1024" }, 13],
    [{ n: 1, size: "1792x1024", quality: "hd" }, 13],
    [{ n: 3, size: "512x512", quality: "standard" }, 13], // unknown factors count as 1
  ])("generate %o → %s", (input, expected) => {
    expect(imageCost(p, "image.generate", input)).toBe(expected);
  });
  it("edit uses its own table; rounding applies to the total", () => {
    expect(imageCost(p, "image.edit", { n: 3 })).toBe(8); // 7.5 → ceil 8
    expect(imageCost({ ...p, rounding: "floor" }, "image.edit", { n: 3 })).toBe(7);
    expect(imageCost({ ...p, rounding: "round" }, "image.edit", { n: 1 })).toBe(3);
  });
  it("an operation without pricing is free", () => {
    expect(imageCost({ chat: { fixedCreditsPerCall: 3 } }, "image.generate", { n: 4 })).toBe(0);
  });
  it("charges only the images returned, never above the hold", () => {
    const hold = imageCost(p, "image.generate", { n: 4, size: "1792x1024" }); // 1 + 24 = 25
    expect(imageCharge(p, "image.generate", { returned: 2, size: "1792x1024" }, hold)).toBe(13);
    expect(imageCharge(p, "image.generate", { returned: 4, size: "1792x1024" }, 20)).toBe(20);
  });
});

describe("embeddings: per 1K input tokens", () => {
  const pricing: PricingTable = {
    embedding: { perKTokens: { input: 2 }, fixedCreditsPerCall: 1, minCredits: 2 },
  };
  it("holds the counted tokens with the margin, rounded once", () => {
    // 1 + 2 × ceil(1000 × 1.25) / 1000 = 3.5 → 4
    expect(EMBEDDING_HOLD_MARGIN).toBe(1.25);
    expect(embeddingHold(pricing, { estimatedTokens: 1000 })).toBe(4);
  });
  it("charges the provider's count, at least minCredits, never above the hold", () => {
    expect(embeddingCharge(pricing, { promptTokens: 1000 }, 4)).toBe(3);
    expect(embeddingCharge(pricing, { promptTokens: 1 }, 4)).toBe(2);
    expect(embeddingCharge(pricing, { promptTokens: 100_000 }, 4)).toBe(4);
  });
  it("is free without an embedding price", () => {
    expect(embeddingHold({}, { estimatedTokens: 5000 })).toBe(0);
    expect(embeddingCharge({ chat: { fixedCreditsPerCall: 3 } }, { promptTokens: 5 }, 9)).toBe(0);
  });
  it("floor rounding can make small batches free unless minCredits says otherwise", () => {
    const floor: PricingTable = { embedding: { perKTokens: { input: 0.5 } }, rounding: "floor" };
    expect(embeddingCharge(floor, { promptTokens: 1999 }, 10)).toBe(0);
    expect(embeddingCharge(floor, { promptTokens: 2000 }, 10)).toBe(1);
  });
});

describe("speech: per 1K characters", () => {
  it("fixed + rate × characters / 1000, rounded once, at least minCredits", () => {
    const pricing: PricingTable = { "audio.speech": { perKChars: 15, fixedCreditsPerCall: 1 } };
    expect(speechCost(pricing, { characters: 1000 })).toBe(16);
    expect(speechCost(pricing, { characters: 10 })).toBe(2); // 1 + 0.15 → 2
    const min: PricingTable = { "audio.speech": { perKChars: 1, minCredits: 3 } };
    expect(speechCost(min, { characters: 10 })).toBe(3);
    expect(speechCost({}, { characters: 4096 })).toBe(0);
  });
});
