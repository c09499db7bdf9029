import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, type App, startApp } from "../helpers/app";
import {
  balance,
  createModel,
  createProvider,
  expectLedgerMatches,
  grant,
  PROVIDER_KEY,
  settled,
} from "../helpers/chat";
import { createImageModel } from "../helpers/images";
import { type MockUpstream, startMockUpstream } from "../mocks/openai-server";

// The creator keeps what people make (issue 17): chat conversations stored per user and
// continued from any device; generations published to the gallery after the fact (title, tags,
// prompt shown or hidden), once; generations deleted from the history.

let app: App;
let up: MockUpstream;
let imageUp: MockUpstream;
let admin: string;
let imageModel: string;

beforeAll(async () => {
  up = await startMockUpstream({ apiKey: PROVIDER_KEY });
  app = await startApp({
    SEED_DEMO: "0",
    SIGNUP_CREDITS: "0",
    RATE_LIMIT_USER_PER_MIN: "100000",
    RATE_LIMIT_IP_PER_MIN: "100000",
  });
  admin = await app.adminToken();
  const provider = await createProvider(app, admin, up.url);
  await createModel(app, admin, {
    slug: "talk",
    providerId: provider.id,
    upstreamModel: "gpt-4o-mini",
    pricing: { chat: { fixedCreditsPerCall: 1 } },
  });
  // A second upstream for images (the helper creates its own provider, with its own key).
  imageUp = await startMockUpstream({ apiKey: "sk-upstream-test-key" });
  imageModel = (await createImageModel(app, imageUp.url)).slug;
});
afterAll(async () => {
  await app?.stop();
  await up?.stop();
  await imageUp?.stop();
});

async function user(credits: number) {
  const u = await app.register();
  if (credits) await grant(app, admin, u.id, credits);
  const sdk = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: u.token, maxRetries: 0 });
  return { ...u, call: api(app, u.token), sdk };
}

describe("stored conversations", () => {
  it("a turn sent with conversationId is kept: titled, listed, read back in order, continued", async () => {
    const u = await user(100);
    const created = await u.call("/api/conversations", { body: {} });
    expect(created.status).toBe(201);
    const conv = created.body.item;
    expect(conv).toMatchObject({ title: "新对话", messageCount: 0 });

    const first = await u.call("/api/ai/chat/completions", {
      body: {
        model: "talk",
        messages: [{ role: "user", content: "写一首关于秋天的诗\n要短" }],
        conversationId: conv.id,
      },
    });
    expect(first.status).toBe(200);
    // The conversation is ours: the provider never sees its id.
    const sent = up.requests.filter((r) => r.path === "/v1/chat/completions").at(-1)!;
    expect(sent.body as Record<string, unknown>).not.toHaveProperty("conversationId");
    // Streamed, the way the creator sends it.
    const stream = await u.sdk.chat.completions.create({
      model: "talk",
      stream: true,
      messages: [
        { role: "user", content: "写一首关于秋天的诗\n要短" },
        { role: "assistant", content: first.body.choices[0].message.content },
        { role: "user", content: "再来一首" },
      ],
      conversationId: conv.id,
    } as OpenAI.ChatCompletionCreateParamsStreaming);
    for await (const chunk of stream) void chunk;
    await settled(app, u.token);

    const read = await u.call(`/api/conversations/${conv.id}`);
    expect(read.status).toBe(200);
    expect(read.body.item).toMatchObject({
      title: "写一首关于秋天的诗",
      model: "talk",
      messageCount: 4,
    });
    expect(read.body.messages.map((m: { role: string }) => m.role)).toEqual([
      "user",
      "assistant",
      "user",
      "assistant",
    ]);
    expect(read.body.messages[2].content).toBe("再来一首");
    expect(read.body.messages[3]).toMatchObject({ state: "done", credits: 1 });
    expect(read.body.messages[3].content.trim()).toBe("mock upstream reply");

    const list = await u.call("/api/conversations");
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([conv.id]);
    await expectLedgerMatches(app, u.token);
  });

  it("a reply stopped by the user is kept as far as it got, marked stopped, and paid for that", async () => {
    const u = await user(100);
    const conv = (await u.call("/api/conversations", { body: {} })).body.item;
    up.setMode({ chunkCount: 40, chunkDelayMs: 40 });
    try {
      const abort = new AbortController();
      const stream = await u.sdk.chat.completions.create(
        {
          model: "talk",
          stream: true,
          messages: [{ role: "user", content: "讲个长故事" }],
          conversationId: conv.id,
        } as OpenAI.ChatCompletionCreateParamsStreaming,
        { signal: abort.signal },
      );
      let got = "";
      await (async () => {
        for await (const chunk of stream) {
          got += chunk.choices[0]?.delta?.content ?? "";
          if (got.length > 3) abort.abort();
        }
      })().catch(() => undefined);
      await settled(app, u.token);
      let read = await u.call(`/api/conversations/${conv.id}`);
      for (let i = 0; i < 40 && read.body.item.messageCount < 2; i++) {
        await new Promise((r) => setTimeout(r, 50));
        read = await u.call(`/api/conversations/${conv.id}`);
      }
      expect(read.body.messages).toHaveLength(2);
      const reply = read.body.messages[1];
      expect(reply.state).toBe("stopped");
      expect(reply.content.length).toBeGreaterThan(0);
      const tx = (await expectLedgerMatches(app, u.token)).find((t) => t.reason === "chat")!;
      expect(tx.meta.aborted).toBe(true);
      expect(reply.credits).toBe(-tx.delta);
    } finally {
      up.reset();
    }
  });

  it("rename, delete; someone else's conversation is a 404 everywhere and costs nothing", async () => {
    const owner = await user(10);
    const other = await user(10);
    const conv = (await owner.call("/api/conversations", { body: { title: "旅行计划" } })).body
      .item;
    expect(conv.title).toBe("旅行计划");

    const renamed = await owner.call(`/api/conversations/${conv.id}`, {
      method: "PATCH",
      body: { title: "  东京五日游  " },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.item.title).toBe("东京五日游");
    const empty = await owner.call(`/api/conversations/${conv.id}`, {
      method: "PATCH",
      body: { title: "   " },
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error.param).toBe("title");

    expect((await other.call(`/api/conversations/${conv.id}`)).status).toBe(404);
    expect(
      (
        await other.call(`/api/conversations/${conv.id}`, {
          method: "PATCH",
          body: { title: "x" },
        })
      ).status,
    ).toBe(404);
    expect((await other.call(`/api/conversations/${conv.id}`, { method: "DELETE" })).status).toBe(
      404,
    );
    const sneaky = await other.call("/api/ai/chat/completions", {
      body: { model: "talk", messages: [{ role: "user", content: "hi" }], conversationId: conv.id },
    });
    expect(sneaky.status).toBe(404);
    expect(sneaky.body.error.param).toBe("conversationId");
    expect(await balance(app, other.token)).toBe(10);

    const gone = await owner.call(`/api/conversations/${conv.id}`, { method: "DELETE" });
    expect(gone.status).toBe(200);
    expect((await owner.call(`/api/conversations/${conv.id}`)).status).toBe(404);
    expect((await owner.call("/api/conversations")).body.items).toEqual([]);
  });

  it("a last message that is not the user's is refused before any hold", async () => {
    const u = await user(10);
    const conv = (await u.call("/api/conversations", { body: {} })).body.item;
    const res = await u.call("/api/ai/chat/completions", {
      body: {
        model: "talk",
        messages: [{ role: "assistant", content: "hi" }],
        conversationId: conv.id,
      },
    });
    expect(res.status).toBe(400);
    expect(await balance(app, u.token)).toBe(10);
  });
});

describe("publish later", () => {
  async function generated(u: Awaited<ReturnType<typeof user>>, prompt: string) {
    const res = await u.sdk.images.generate({ model: imageModel, prompt, size: "1792x1024" });
    expect(res.data?.length).toBe(1);
    const tasks = await u.call("/api/tasks?kind=image.generate");
    expect(tasks.status).toBe(200);
    return tasks.body.items[0];
  }

  it("a private generation is published with title, tags and prompt; once; it is on its work page", async () => {
    const u = await user(100);
    const prompt = "黄昏的海边灯塔，油画风格";
    const task = await generated(u, prompt);
    expect(task).toMatchObject({ status: "completed", input: { prompt } });
    expect(task.outputs[0].assetId).toBeUndefined();
    const before = await api(app)("/api/assets?sort=new&limit=50");
    expect(before.body.items.some((a: { prompt: string }) => a.prompt === prompt)).toBe(false);

    const res = await u.call(`/api/tasks/${task.id}/publish`, {
      body: { output: 0, title: "海边灯塔", tags: ["油画", "海"], showPrompt: true },
    });
    expect(res.status).toBe(200);
    const assetId = res.body.outputs[0].assetId;
    expect(assetId).toMatch(/^ast_/);

    const work = await api(app)(`/api/assets/${assetId}`);
    expect(work.status).toBe(200);
    expect(work.body.item ?? work.body).toMatchObject({
      title: "海边灯塔",
      prompt,
      tags: ["油画", "海"],
      type: "image",
      ownerId: u.id,
    });
    const byTag = await api(app)(`/api/assets?sort=new&tag=${encodeURIComponent("油画")}`);
    expect(byTag.body.items.map((a: { id: string }) => a.id)).toContain(assetId);
    const page = await fetch(`${app.url}/works/${assetId}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("海边灯塔");

    // Publishing again makes nothing twice (a double click, a second tab).
    const again = await u.call(`/api/tasks/${task.id}/publish`, { body: { title: "再来" } });
    expect(again.status).toBe(200);
    expect(again.body.outputs[0].assetId).toBe(assetId);
    const mine = await api(app)(`/api/assets?sort=new&limit=50`);
    expect(mine.body.items.filter((a: { ownerId: string }) => a.ownerId === u.id)).toHaveLength(1);
    // The task remembers it (my generations links to the work).
    const read = await u.call(`/api/tasks/${task.id}`);
    expect(read.body.outputs[0].assetId).toBe(assetId);
  });

  it("the prompt can stay hidden; bad input and other people's tasks are refused", async () => {
    const u = await user(100);
    const task = await generated(u, "秘密配方的提示词");
    const other = await user(0);
    expect(
      (await other.call(`/api/tasks/${task.id}/publish`, { body: { title: "偷" } })).status,
    ).toBe(404);
    const bad = await u.call(`/api/tasks/${task.id}/publish`, {
      body: { tags: Array.from({ length: 11 }, (_, i) => `t${i}`) },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe("tags");
    const missing = await u.call(`/api/tasks/${task.id}/publish`, { body: { output: 3 } });
    expect(missing.status).toBe(400);

    const res = await u.call(`/api/tasks/${task.id}/publish`, {
      body: { title: "看不见提示词", showPrompt: false },
    });
    expect(res.status).toBe(200);
    const work = await api(app)(`/api/assets/${res.body.outputs[0].assetId}`);
    const item = work.body.item ?? work.body;
    expect(item.title).toBe("看不见提示词");
    expect(item.prompt ?? null).toBeNull();
  });

  it("delete removes a generation from the history; a published work stays in the gallery", async () => {
    const u = await user(100);
    const task = await generated(u, "要删除的生成");
    const pub = await u.call(`/api/tasks/${task.id}/publish`, { body: {} });
    expect(pub.status).toBe(200);
    const assetId = pub.body.outputs[0].assetId;
    const del = await u.call(`/api/tasks/${task.id}`, { method: "DELETE" });
    expect(del.status).toBe(200);
    expect((await u.call(`/api/tasks/${task.id}`)).status).toBe(404);
    expect(
      (await u.call("/api/tasks")).body.items.some((t: { id: string }) => t.id === task.id),
    ).toBe(false);
    const work = await api(app)(`/api/assets/${assetId}`);
    expect(work.status).toBe(200);
    const img = await fetch(`${app.url}${(work.body.item ?? work.body).coverUrl}`);
    expect(img.status).toBe(200);
  });
});
