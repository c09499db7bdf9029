import { describe, expect, it } from "vitest";
import {
  type CatalogModel,
  estimateChatHold,
  estimateImageCost,
  normalizeModel,
  pickModel,
  priceLabel,
} from "@/lib/client/models";

const chat: CatalogModel = normalizeModel({
  slug: "mock-chat",
  displayName: "Mock Chat",
  providerSlug: "mock",
  providerName: "内置模拟服务",
  capabilities: ["chat"],
  contextWindow: 8192,
  pricing: { chat: { perKTokens: { input: 1, output: 2 }, minCredits: 1 }, rounding: "ceil" },
  tags: ["文本"],
});
const image: CatalogModel = normalizeModel({
  slug: "mock-image",
  provider: { slug: "mock", name: "内置模拟服务" },
  capabilities: ["image.generate", "image.edit", "video.unknown"],
  pricing: {
    "image.generate": { perImage: 5, sizeFactors: { "1792x1024": 2 }, qualityFactors: { hd: 2 } },
  },
});

describe("creator model helpers", () => {
  it("normalises flat and nested provider fields and drops unknown capabilities", () => {
    expect(chat.providerName).toBe("内置模拟服务");
    expect(image.providerSlug).toBe("mock");
    expect(image.displayName).toBe("mock-image");
    expect(image.capabilities).toEqual(["image.generate", "image.edit"]);
  });

  it("labels prices per 1K tokens and per image", () => {
    expect(priceLabel(chat, "chat")).toBe("输入 1 / 输出 2 积分每千 tokens，最低 1 积分");
    expect(priceLabel(image, "image.generate")).toBe("5 积分/张");
    expect(priceLabel(image, "image.edit")).toBe("免费");
  });

  it("estimates the chat hold like the server: prompt plus the default output budget", () => {
    // 4096 output tokens at 2/1K = 8.192, plus a short prompt at 1/1K → ceil → 9.
    expect(estimateChatHold(chat, [{ content: "你好" }])).toBe(9);
  });

  it("prices images with size and quality factors", () => {
    expect(
      estimateImageCost(image, "image.generate", { n: 2, size: "1024x1024", quality: "standard" }),
    ).toBe(10);
    expect(
      estimateImageCost(image, "image.generate", { n: 1, size: "1792x1024", quality: "hd" }),
    ).toBe(20);
  });

  it("falls back to the first model when the remembered one is gone", () => {
    const models = [chat, image];
    expect(pickModel(models, null, "mock-image")?.slug).toBe("mock-image");
    expect(pickModel(models, "retired", null)?.slug).toBe("mock-chat");
    expect(pickModel([], "x")).toBeNull();
  });
});
