import { describe, expect, it } from "vitest";
import {
  defaultTitle,
  elapsedLabel,
  paramsLabel,
  parseTags,
  statusLabel,
} from "@/components/generations/format";
import { maskProblem, sizeForAspect } from "@/components/create/mask";
import { factorTag, imageBreakdown, videoBreakdown } from "@/components/create/price";
import { prefillFromTask } from "@/components/create/task-prefill";
import { titleFromMessage } from "@/lib/conversations/schemas";
import type { CatalogModel } from "@/lib/client/models";
import { estimateChat } from "@/lib/client/models";
import type { TaskView } from "@/lib/client/tasks";
import { affordableMaxOut, chatHold, type PricingTable } from "@/lib/pricing/compute";

// The pure parts of issue 17: the affordable output budget, price breakdowns, the mask checks,
// the words of a generation card and what its actions open.

describe("affordableMaxOut", () => {
  const mockChat: PricingTable = { chat: { perKTokens: { input: 1, output: 2 }, minCredits: 1 } };
  const pro: PricingTable = {
    chat: { fixedCreditsPerCall: 1, perKTokens: { input: 4, output: 8 }, minCredits: 2 },
  };

  it("the full budget when the balance covers it", () => {
    expect(affordableMaxOut(mockChat, { promptTokens: 20, maxOut: 4096, balance: 9 })).toBe(4096);
  });

  it("the largest budget whose hold fits, for every balance from the minimum up", () => {
    for (const pricing of [mockChat, pro]) {
      for (let balance = 0; balance <= 40; balance++) {
        const fit = affordableMaxOut(pricing, { promptTokens: 30, maxOut: 4096, balance });
        const least = chatHold(pricing, { promptTokens: 30, maxOut: 1 });
        if (balance < least) {
          expect(fit).toBeNull();
          continue;
        }
        expect(fit).not.toBeNull();
        expect(chatHold(pricing, { promptTokens: 30, maxOut: fit! })).toBeLessThanOrEqual(balance);
        if (fit! < 4096)
          expect(chatHold(pricing, { promptTokens: 30, maxOut: fit! + 1 })).toBeGreaterThan(
            balance,
          );
      }
    }
  });

  it("Mock Chat with 6 credits gets an answer; Mock Chat Pro with 1 does not", () => {
    expect(affordableMaxOut(mockChat, { promptTokens: 10, maxOut: 4096, balance: 6 })).toBe(2995);
    expect(affordableMaxOut(pro, { promptTokens: 10, maxOut: 4096, balance: 1 })).toBeNull();
  });

  it("counts n answers", () => {
    const one = affordableMaxOut(mockChat, { promptTokens: 0, maxOut: 4096, balance: 4 })!;
    const two = affordableMaxOut(mockChat, { promptTokens: 0, maxOut: 4096, balance: 4, n: 2 })!;
    expect(two).toBeLessThan(one);
  });
});

const model = (pricing: PricingTable, contextWindow = 8192): CatalogModel => ({
  slug: "m",
  displayName: "M",
  providerSlug: "p",
  providerName: "P",
  capabilities: ["chat", "image.generate", "video.generate"],
  pricing,
  tags: [],
  contextWindow,
});

describe("estimateChat", () => {
  const m = model({ chat: { fixedCreditsPerCall: 1, perKTokens: { input: 4, output: 8 } } });
  it("shows a typical answer and needs only the least answer without a chosen length", () => {
    const e = estimateChat(m, [{ content: "你好" }], null);
    expect(e.typical).toBeLessThan(chatHold(m.pricing, { promptTokens: 6, maxOut: 4096 }));
    expect(e.needed).toBe(chatHold(m.pricing, { promptTokens: 6, maxOut: 1 }));
  });
  it("needs the whole chosen length", () => {
    expect(estimateChat(m, [{ content: "你好" }], 1024).needed).toBe(
      chatHold(m.pricing, { promptTokens: 6, maxOut: 1024 }),
    );
  });
});

describe("price breakdowns", () => {
  const m = model({
    "image.generate": {
      perImage: 5,
      sizeFactors: { "1024x1024": 1, "1792x1024": 2 },
      qualityFactors: { standard: 1, hd: 2 },
    },
    "video.generate": { perSecond: 2, fixedCreditsPerCall: 1, sizeFactors: { "1792x1024": 2 } },
  });

  it("names every factor that changes the image price; the total is the server's", () => {
    const b = imageBreakdown(m, "image.generate", { n: 2, size: "1792x1024", quality: "hd" })!;
    expect(b.total).toBe(40);
    expect(b.lines).toEqual([
      { label: "单价", value: "5 积分/张" },
      { label: "数量", value: "× 2 张" },
      { label: "尺寸 1792×1024", value: "× 2" },
      { label: "质量", value: "× 2" },
    ]);
    expect(imageBreakdown(m, "image.generate", { n: 1, size: "1024x1024" })!.lines).toHaveLength(2);
  });

  it("video: per second × seconds × shape + fixed", () => {
    const b = videoBreakdown(m, { seconds: 8, size: "1792x1024" })!;
    expect(b.total).toBe(33);
    expect(b.lines.map((l) => l.value)).toEqual(["2 积分/秒", "× 8 秒", "× 2", "+ 1"]);
    expect(videoBreakdown(model({}), { seconds: 4, size: "720x1280" })).toBeNull();
  });

  it("a factor of 1 says nothing", () => {
    expect(factorTag(1)).toBe("");
    expect(factorTag(undefined)).toBe("");
    expect(factorTag(1.5)).toBe("×1.5");
  });
});

describe("mask and output size", () => {
  it("a mask of another size is refused with both sizes named", () => {
    expect(maskProblem({ width: 40, height: 30 }, { width: 40, height: 30 })).toBeNull();
    expect(maskProblem({ width: 40, height: 30 }, { width: 30, height: 40 })).toBe(
      "遮罩尺寸 30×40 与原图 40×30 不一致，请使用同样大小的 PNG",
    );
    expect(maskProblem(null, { width: 1, height: 1 })).toBeNull();
    expect(maskProblem({ width: 1, height: 1 }, null)).toBe("无法读取遮罩图片");
  });

  it("the default output size follows the source's aspect", () => {
    const sizes = ["1024x1024", "1792x1024", "1024x1792"];
    expect(sizeForAspect(sizes, { width: 600, height: 1000 })).toBe("1024x1792");
    expect(sizeForAspect(sizes, { width: 1600, height: 900 })).toBe("1792x1024");
    expect(sizeForAspect(sizes, { width: 500, height: 520 })).toBe("1024x1024");
    expect(sizeForAspect(sizes, null)).toBeNull();
  });
});

const task = (patch: Partial<TaskView>): TaskView => ({
  id: "task_1",
  kind: "image.generate",
  model: "mock-image",
  status: "completed",
  progress: 100,
  input: { prompt: "海边灯塔，油画", params: { size: "1792x1024", quality: "hd" }, media: [] },
  outputs: [{ url: "http://x/a.png", type: "image" }],
  credits: { held: 10, charged: 10 },
  error: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  startedAt: "2026-01-01T00:00:01.000Z",
  finishedAt: "2026-01-01T00:00:04.000Z",
  ...patch,
});

describe("generation cards", () => {
  const t0 = Date.parse("2026-01-01T00:00:01.000Z");
  it("status words: queued, generating n% with elapsed time, done, failed", () => {
    expect(statusLabel(task({ status: "queued", startedAt: null }), t0 + 2000)).toBe(
      "排队中 · 已等待 3 秒",
    );
    expect(statusLabel(task({ status: "in_progress", progress: 45 }), t0 + 75_000)).toBe(
      "生成中 45% · 已用时 1 分 15 秒",
    );
    expect(statusLabel(task({}), t0)).toBe("已完成 · 用时 3 秒");
    expect(
      statusLabel(task({ status: "failed", error: { code: "x", message: "上游失败" } }), t0),
    ).toBe("失败：上游失败（积分已退还）");
  });

  it("elapsed, tags, title and parameters read as people write them", () => {
    expect(elapsedLabel(-5)).toBe("0 秒");
    expect(parseTags("风景, 雪山，夜景 、 风景")).toEqual(["风景", "雪山", "夜景"]);
    expect(defaultTitle("雪山湖泊的清晨，薄雾")).toBe("雪山湖泊的清晨");
    expect(paramsLabel({ size: "1792x1024", quality: "hd", n: 2 })).toBe(
      "1792 × 1024 · 高清 · 2 张",
    );
    expect(paramsLabel({ seconds: 8, size: "720x1280" })).toBe("8 秒 · 720 × 1280");
  });

  it("actions open the right tab with the right things", () => {
    const img = task({});
    expect(prefillFromTask({ kind: "reuse", task: img })).toEqual({
      tab: "generate",
      prompt: "海边灯塔，油画",
      model: "mock-image",
      size: "1792x1024",
      quality: "hd",
    });
    expect(prefillFromTask({ kind: "edit", task: img, output: img.outputs[0] })).toMatchObject({
      tab: "edit",
      imageUrl: "http://x/a.png",
    });
    expect(prefillFromTask({ kind: "video", task: img, output: img.outputs[0] })).toMatchObject({
      tab: "video",
      prompt: "海边灯塔，油画",
      imageUrl: "http://x/a.png",
    });
    const clip = task({
      kind: "video.generate",
      model: "mock-video",
      input: {
        prompt: "海浪",
        params: { seconds: 8, size: "1280x720" },
        media: ["http://x/r.png"],
      },
    });
    expect(prefillFromTask({ kind: "reuse", task: clip })).toEqual({
      tab: "video",
      prompt: "海浪",
      model: "mock-video",
      size: "1280x720",
      seconds: 8,
      imageUrl: "http://x/r.png",
    });
  });

  it("a conversation is titled by the first line of its first message", () => {
    expect(titleFromMessage("  写一首诗\n要短 ")).toBe("写一首诗");
    expect(titleFromMessage("")).toBe("新对话");
    expect([...titleFromMessage("长".repeat(50))]).toHaveLength(30);
  });
});
