import { expect, test, type Page, type Request } from "@playwright/test";
import sharp from "sharp";
import {
  apiBalance,
  badgeCredits,
  grant,
  pickModel,
  settledTx,
  signUpAndIn,
} from "./create-helpers";

// The creator as a new user meets it, on the production build with the built-in mock provider:
// signup credits, model choice, a streamed chat, image generation and editing, the balance
// falling by exactly what each call was charged, and the blocks when credits run out.

const chatPost = (page: Page) =>
  page.waitForRequest((r) => r.url().endsWith("/api/ai/chat/completions") && r.method() === "POST");
const body = (r: Request) => JSON.parse(r.postData() ?? "{}") as Record<string, unknown>;
const summaryCredits = (page: Page) => page.getByTestId("summary-credits");
const prompt = (page: Page) => page.getByRole("tabpanel").getByLabel("提示词");

test("signed out, /create goes to sign-in and keeps where to come back to", async ({ page }) => {
  await page.goto("/create?asset=abc");
  await expect(page).toHaveURL(/\/auth\/signin\?callbackUrl=/);
  expect(decodeURIComponent(new URL(page.url()).searchParams.get("callbackUrl") ?? "")).toBe(
    "/create?asset=abc",
  );
});

test("chat: pick a model, stream a reply, pay what the ledger says; switching model changes the request", async ({
  page,
}) => {
  await signUpAndIn(page);
  await page.goto("/create");
  await expect(page.getByRole("tab", { name: "对话" })).toHaveAttribute("aria-selected", "true");
  await expect.poll(() => badgeCredits(page)).toBe(100);

  // The picker offers only text models here, grouped under 文本, each with provider, tags and price.
  const picker = page.getByRole("tabpanel").getByRole("combobox", { name: "模型" });
  await picker.click();
  const list = page.getByRole("tabpanel").getByRole("listbox");
  await expect(list.getByRole("group", { name: "文本" })).toBeVisible();
  await expect(list.getByRole("group", { name: "图像" })).toHaveCount(0);
  await expect(list.getByRole("option")).toHaveCount(2);
  await expect(list.getByRole("option", { name: /mock-chat-pro/ })).toContainText("内置模拟服务");
  await expect(list.getByRole("option", { name: /mock-chat-pro/ })).toContainText("长上下文");
  await expect(list.getByRole("option", { name: /mock-chat-pro/ })).toContainText(
    "输入 4 / 输出 8 积分每千 tokens",
  );
  await page.keyboard.press("Escape");
  await expect(list).toBeHidden();

  await pickModel(page, "mock-chat", "Mock Chat");
  await prompt(page).fill("你好 **世界**");
  const sent = chatPost(page);
  await page.getByRole("button", { name: "发送" }).click();
  const first = body(await sent);
  expect(first).toMatchObject({
    model: "mock-chat",
    stream: true,
    stream_options: { include_usage: true },
  });
  expect(first.messages).toEqual([{ role: "user", content: "你好 **世界**" }]);
  expect(typeof first.requestId).toBe("string");

  const reply = page.getByTestId("assistant-message").last();
  await expect(reply).toHaveAttribute("data-state", "done");
  await expect(reply).toContainText("这是内置模拟模型 mock-chat 的回复");
  // The user's Markdown came back in the echo and is rendered, not shown raw.
  await expect(reply.locator("strong")).toHaveText("世界");

  const tx = await settledTx(page, first.requestId as string);
  const charged = -tx.delta;
  expect(charged).toBeGreaterThan(0);
  await expect(summaryCredits(page)).toHaveText(String(charged));
  const summary = page.getByRole("region", { name: "调用总结" });
  await expect(summary).toContainText("Mock Chat");
  await expect(summary).toContainText("对话");
  await expect(summary).toContainText(/\d+(\.\d+)? (ms|s)/);
  await expect.poll(() => badgeCredits(page)).toBe(100 - charged);
  expect(await apiBalance(page)).toBe(100 - charged);

  // Same conversation, another model: the next request names it and carries the history.
  await pickModel(page, "mock-chat-pro", "Mock Chat Pro");
  await prompt(page).fill("再说一次");
  const second = chatPost(page);
  await prompt(page).press("Enter");
  const next = body(await second);
  expect(next.model).toBe("mock-chat-pro");
  expect((next.messages as unknown[]).length).toBe(3);
  await expect(page.getByTestId("assistant-message").last()).toContainText("mock-chat-pro 的回复");

  // The conversation is kept and reopens with its model; a new conversation starts from the
  // remembered choice, and a remembered model that is gone falls back to the first.
  await page.reload();
  await expect(page.getByTestId("assistant-message")).toHaveCount(2);
  await expect(page.getByRole("tabpanel").getByRole("combobox", { name: "模型" })).toContainText(
    "Mock Chat Pro",
  );
  await page.evaluate(() => localStorage.setItem("aigc.model.chat", "retired-model"));
  await page.reload();
  // The conversation has reopened (as the user sees it) before they start a new one.
  await expect(page.getByTestId("assistant-message")).toHaveCount(2);
  await page.getByRole("tabpanel").getByLabel("对话", { exact: true }).selectOption("");
  await expect(page.getByTestId("assistant-message")).toHaveCount(0);
  await expect(page.getByRole("tabpanel").getByRole("combobox", { name: "模型" })).toContainText(
    "Mock Chat ·",
  );
});

test("chat: 停止 keeps the partial reply and the charge is what the ledger settled for it", async ({
  page,
}) => {
  await signUpAndIn(page);
  await page.goto("/create");
  await pickModel(page, "mock-chat", "Mock Chat");
  // The mock echoes the prompt word by word, so a long prompt makes a reply long enough to stop.
  await prompt(page).fill(Array.from({ length: 90 }, (_, i) => `词${i}`).join(" "));
  const sent = chatPost(page);
  await page.getByRole("button", { name: "发送" }).click();
  const requestId = body(await sent).requestId as string;
  const reply = page.getByTestId("assistant-message").last();
  await expect(reply).toContainText("这是内置模拟模型");
  await page.getByRole("button", { name: "停止" }).click();

  await expect(reply).toHaveAttribute("data-state", "stopped");
  await expect(reply).toContainText("已停止生成");
  const partial = await reply.innerText();
  expect(partial).not.toContain("这段文字是确定的");

  const tx = await settledTx(page, requestId);
  expect(tx.status).toBe("success");
  expect(tx.meta.aborted).toBe(true);
  await expect(summaryCredits(page)).toHaveText(String(-tx.delta));
  await expect(page.getByRole("region", { name: "调用总结" })).toContainText("已停止");
  await expect.poll(() => badgeCredits(page)).toBe(100 + tx.delta);
  // Billed for the tokens produced before the stop, at mock-chat's price (1 in / 2 out per 1K, min 1).
  const tokensIn = Number(tx.meta.tokensIn);
  const tokensOut = Number(tx.meta.tokensOut);
  expect(tokensOut).toBeGreaterThan(0);
  expect(-tx.delta).toBe(Math.max(1, Math.ceil((tokensIn * 1 + tokensOut * 2) / 1000)));
});

test("images: generate, publish, find it in the gallery and 复用 it", async ({ page }) => {
  await signUpAndIn(page);
  await page.goto("/create");
  await page.getByRole("tab", { name: "生成图片" }).click();
  const panel = page.getByRole("tabpanel");
  await panel.getByRole("combobox", { name: "模型" }).click();
  await expect(panel.getByRole("group", { name: "图像" })).toBeVisible();
  await expect(panel.getByRole("listbox", { name: "模型" }).getByRole("option")).toHaveCount(1);
  await expect(panel.getByRole("option", { name: /mock-image/ })).toContainText("5 积分/张");
  await panel.getByRole("option", { name: /mock-image/ }).click();

  const words = `灯塔 e2e-${Date.now().toString(36)}`;
  await prompt(page).fill(words);
  await panel.getByLabel("数量").selectOption("2");
  await expect(panel.getByRole("button", { name: "生成图片 · 10 积分" })).toBeVisible();
  const sent = page.waitForRequest((r) => r.url().endsWith("/api/ai/images/generations"));
  const answered = page.waitForResponse((r) => r.url().endsWith("/api/ai/images/generations"));
  await panel.getByRole("button", { name: "生成图片" }).click();
  const req = body(await sent);
  const res = (await (await answered).json()) as { data: { url: string; assetId?: string }[] };
  expect(req).toMatchObject({
    model: "mock-image",
    prompt: words,
    n: 2,
    size: "1024x1024",
    quality: "standard",
    persist: false,
  });

  const results = panel.getByRole("region", { name: "生成结果" }).getByRole("img");
  await expect(results).toHaveCount(2);
  await expect
    .poll(() => results.first().evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(0);
  await expect(panel.getByRole("link", { name: /下载/ }).first()).toHaveAttribute(
    "href",
    res.data[0].url,
  );

  const tx = await settledTx(page, req.requestId as string);
  expect(-tx.delta).toBe(10);
  await expect(summaryCredits(page)).toHaveText("10");
  await expect(page.getByRole("region", { name: "调用总结" })).toContainText("生成图片");
  await expect.poll(() => badgeCredits(page)).toBe(90);

  // Published after seeing it (from my generations): newest on the home page, and 复用 brings
  // its prompt and model back.
  const mine = page.getByRole("article", { name: new RegExp(words) });
  await mine.getByRole("button", { name: "发布到广场" }).first().click();
  await mine
    .getByRole("form", { name: "发布到广场" })
    .getByRole("button", { name: "发布" })
    .click();
  const link = mine.getByRole("link", { name: "已发布 · 查看作品" });
  await expect(link).toBeVisible();
  const assetId = (await link.getAttribute("href"))!.split("/").pop();
  expect(res.data[0].url).toBeTruthy();
  await page.goto("/?sort=new");
  const card = page.locator(`article[data-asset-id="${assetId}"]`);
  await expect(card).toBeVisible();
  await card.getByRole("link", { name: /复用/ }).click();
  await expect(page).toHaveURL(/\/create\?asset=/);
  await expect(page.getByRole("tab", { name: "生成图片" })).toHaveAttribute(
    "aria-selected",
    "true",
  );
  await expect(prompt(page)).toHaveValue(words);
  await expect(page.getByRole("tabpanel").getByRole("combobox", { name: "模型" })).toContainText(
    "Mock Image",
  );
});

test("images: edit an uploaded picture; wrong files are refused before upload", async ({
  page,
}) => {
  await signUpAndIn(page);
  await page.goto("/create");
  await page.getByRole("tab", { name: "编辑图片" }).click();
  const panel = page.getByRole("tabpanel");
  const original = panel.getByLabel("原图");

  await original.setInputFiles({
    name: "note.png",
    mimeType: "image/png",
    buffer: Buffer.from("not really a picture"),
  });
  await expect(panel.getByRole("alert")).toHaveText("仅支持 PNG、JPEG 或 WebP 图片");
  await expect(panel.getByRole("button", { name: "编辑图片" })).toBeDisabled();

  const png = await sharp({ create: { width: 256, height: 256, channels: 3, background: "#888" } })
    .png()
    .toBuffer();
  await original.setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: png });
  await expect(panel.getByRole("img", { name: "原图预览" })).toBeVisible();
  await prompt(page).fill("加一顶红色的帽子");
  const sent = page.waitForRequest((r) => r.url().endsWith("/api/ai/images/edits"));
  const answered = page.waitForResponse((r) => r.url().endsWith("/api/ai/images/edits"));
  await panel.getByRole("button", { name: "编辑图片" }).click();
  expect((await sent).headers()["content-type"]).toContain("multipart/form-data");
  const res = await answered;
  expect(res.status()).toBe(200);
  const edited = (await res.json()) as { data: { url: string }[] };

  await expect(panel.getByRole("region", { name: "编辑结果" }).getByRole("img")).toHaveCount(1);
  await expect(panel.getByRole("region", { name: "编辑结果" }).getByRole("img")).toHaveAttribute(
    "src",
    edited.data[0].url,
  );
  await expect(page.getByRole("region", { name: "调用总结" })).toContainText("编辑图片");
  await expect(summaryCredits(page)).toHaveText("5");
  await expect.poll(() => badgeCredits(page)).toBe(95);
});

test("insufficient balance: the prompt says why, links to /credits, and no call is made", async ({
  page,
}) => {
  const { email } = await signUpAndIn(page);
  await grant(page.request, email, -97);
  let calls = 0;
  page.on("request", (r) => {
    if (r.url().includes("/api/ai/chat/") || r.url().includes("/api/ai/images/")) calls++;
  });
  await page.goto("/create");
  await expect.poll(() => badgeCredits(page)).toBe(3);

  // 3 credits pay for a chat answer (the server sizes it to the balance): nothing blocks it.
  await prompt(page).fill("你好");
  const chat = page.getByRole("tabpanel");
  await expect(chat.getByRole("alert")).toHaveCount(0);
  await expect(chat.getByRole("button", { name: "发送" })).toBeEnabled();

  await page.getByRole("tab", { name: "生成图片" }).click();
  await prompt(page).fill("一只猫");
  const gen = page.getByRole("tabpanel");
  await expect(gen.getByRole("alert")).toContainText("本次预计需要 5 积分");
  await expect(gen.getByRole("button", { name: "生成图片" })).toBeDisabled();
  await gen.getByRole("link", { name: "查看积分" }).click();

  await expect(page).toHaveURL(/\/credits$/);
  await expect(page.getByTestId("credits-balance")).toContainText("3");
  expect(calls).toBe(0);
});

test("a 402 from the server (credits spent elsewhere) shows the same prompt and refreshes the badge", async ({
  page,
}, info) => {
  const { email } = await signUpAndIn(page);
  await page.goto("/create");
  await page.getByRole("tab", { name: "生成图片" }).click();
  await expect.poll(() => badgeCredits(page)).toBe(100);
  await prompt(page).fill("一只猫");
  // Spent in another tab: this page still believes it has 100.
  await grant(page.request, email, -98);
  const answered = page.waitForResponse((r) => r.url().endsWith("/api/ai/images/generations"));
  await page.getByRole("tabpanel").getByRole("button", { name: "生成图片" }).click();
  const res = await answered;
  expect(res.status()).toBe(402);
  const message = ((await res.json()) as { error: { message: string } }).error.message;
  const alert = page.getByRole("tabpanel").getByRole("alert");
  await expect(alert).toContainText("积分不足");
  await expect(alert).toContainText(message.replace(/^积分不足[：:]/, ""));
  await expect(alert).not.toContainText("积分不足：积分不足");
  await expect(alert.getByRole("link", { name: "查看积分" })).toHaveAttribute("href", "/credits");
  await expect.poll(() => badgeCredits(page)).toBe(2);
  await expect(page.getByRole("tabpanel").getByRole("button", { name: "生成图片" })).toBeDisabled();
  await page.screenshot({ path: info.outputPath("create-402.png") });
});

test("/credits: balance and history with 加载更多", async ({ page }) => {
  const { email } = await signUpAndIn(page);
  for (let i = 0; i < 21; i++) await grant(page.request, email, 1);
  await page.goto("/credits");
  await expect(page.getByTestId("credits-balance")).toContainText("121");
  const rows = page.getByTestId("tx-row");
  await expect(rows).toHaveCount(20);
  await expect(rows.first()).toContainText("管理员调整");
  await expect(rows.first()).toContainText("+1");
  await page.getByRole("button", { name: "加载更多" }).click();
  await expect(rows).toHaveCount(22);
  await expect(rows.last()).toContainText("注册奖励");
  await expect(rows.last()).toContainText("+100");
  await expect(page.getByRole("button", { name: "加载更多" })).toHaveCount(0);
});

test("/create screenshots at 375 px and 1280 px", async ({ page }, info) => {
  await signUpAndIn(page);
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto("/create");
  await prompt(page).fill("用一句话介绍 `AIGC Studio`");
  await page.getByRole("button", { name: "发送" }).click();
  await expect(page.getByTestId("assistant-message").last()).toHaveAttribute("data-state", "done");
  await expect(summaryCredits(page)).toHaveText(/^\d+$/);
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: width < 600 ? 812 : 900 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: info.outputPath(`create-${width}.png`), fullPage: true });
  }
});
