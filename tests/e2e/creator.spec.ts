import { expect, type Page, test } from "@playwright/test";
import sharp from "sharp";
import { adminToken, grant, signUpAndIn } from "./create-helpers";

// The creator that keeps what people make (issue 17), as a new user tries it in Chromium at a
// phone's 360 px and a laptop's 1366 px: generations survive reload and are published after the
// fact; a video is made, watched and 复用'd; a user with 6 credits can chat; a conversation
// survives reload; a zero balance shows the way forward.

const WIDTHS = [
  { name: "360", width: 360, height: 780 },
  { name: "1366", width: 1366, height: 900 },
] as const;

const tabpanel = (page: Page) => page.getByRole("tabpanel");
const generation = (page: Page, prompt: string) =>
  page.getByRole("article", { name: new RegExp(prompt.slice(0, 20)) });

async function noSideways(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

async function pickModel(page: Page, name: RegExp) {
  await tabpanel(page).getByRole("combobox", { name: "模型" }).click();
  await tabpanel(page).getByRole("option", { name }).click();
}

for (const size of WIDTHS) {
  test.describe(`at ${size.name} px`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test("an image survives reload, is published with a title and a tag, and is on / and its page", async ({
      page,
    }) => {
      await signUpAndIn(page);
      await page.goto("/create");
      await page.getByRole("tab", { name: "生成图片" }).click();
      await pickModel(page, /mock-image/);
      const words = `灯塔 e2e-${size.name}-${Date.now().toString(36)}`;
      await tabpanel(page).getByLabel("提示词").fill(words);
      // The price says what makes it: 高清 doubles it, and the button carries the total.
      await tabpanel(page).getByLabel("质量").selectOption("hd");
      await expect(tabpanel(page).getByLabel("质量")).toContainText("高清（价格×2）");
      const button = tabpanel(page).getByRole("button", { name: "生成图片 · 10 积分" });
      await expect(button).toBeVisible();
      await tabpanel(page).getByText("查看明细").click();
      await expect(tabpanel(page).getByText("× 2", { exact: true })).toBeVisible();
      await button.click();

      const card = generation(page, words);
      await expect(card.getByTestId("task-status")).toContainText("已完成");
      await expect(page.getByRole("region", { name: "调用总结" })).toContainText("生成图片");
      await noSideways(page);

      // Nothing is lost on reload: it is in my generations.
      await page.reload();
      await expect(card.getByRole("img", { name: "生成结果 1" })).toBeVisible();
      await page.goto("/me/generations");
      await expect(card).toBeVisible();
      await expect(card).toContainText("消耗 10 积分");
      await noSideways(page);

      // Published after seeing it, with a title and a tag.
      await card.getByRole("button", { name: "发布到广场" }).click();
      const form = card.getByRole("form", { name: "发布到广场" });
      const title = `我的灯塔 ${size.name}`;
      const tag = `灯塔${size.name}`;
      await form.getByLabel("标题").fill(title);
      await form.getByLabel(/标签/).fill(tag);
      await form.getByRole("button", { name: "发布" }).click();
      const open = card.getByRole("link", { name: "已发布 · 查看作品" });
      await expect(open).toBeVisible();
      const href = (await open.getAttribute("href"))!;
      const assetId = href.split("/").pop()!;

      await page.goto("/?sort=new");
      await expect(page.locator(`article[data-asset-id="${assetId}"]`)).toBeVisible();
      await page.goto(href);
      await expect(page.getByRole("heading", { name: title })).toBeVisible();
      await expect(page.getByRole("link", { name: new RegExp(tag) }).first()).toBeVisible();
    });

    test("a video on the mock model: progress rises, then it plays and seeks", async ({ page }) => {
      await signUpAndIn(page);
      await page.goto("/create");
      await page.getByRole("tab", { name: "视频" }).click();
      await pickModel(page, /mock-video/);
      const words = `海浪 e2e-${size.name}-${Date.now().toString(36)}`;
      await tabpanel(page).getByLabel("提示词").fill(words);
      await tabpanel(page).getByText("4 秒", { exact: true }).click();
      // The shapes carry their price factor; the portrait default costs 2 × 4 = 8.
      await expect(tabpanel(page).getByText("1024×1792 · 价格×2")).toBeVisible();
      await tabpanel(page).getByText("横屏 16:9").click();
      await tabpanel(page).getByRole("button", { name: "生成视频 · 8 积分" }).click();
      await expect(tabpanel(page).getByRole("status")).toContainText("已提交");

      const card = generation(page, words);
      await expect(card).toBeVisible();
      const bar = card.getByRole("progressbar", { name: "生成进度" });
      const seen: number[] = [];
      await expect
        .poll(
          async () => {
            if (await bar.isVisible().catch(() => false)) {
              const v = Number(await bar.getAttribute("aria-valuenow").catch(() => null));
              if (Number.isFinite(v) && v > 0 && seen.at(-1) !== v) seen.push(v);
            }
            return card.getByTestId("task-status").textContent();
          },
          { timeout: 30_000, intervals: [300] },
        )
        .toContain("已完成");
      expect(seen.length).toBeGreaterThanOrEqual(1);
      expect([...seen].sort((a, b) => a - b)).toEqual(seen);
      await noSideways(page);

      const video = card.locator("video");
      await expect(video).toHaveAttribute("controls", "");
      await expect
        .poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 15_000 })
        .toBeGreaterThanOrEqual(1);
      const duration = await video.evaluate((v: HTMLVideoElement) => v.duration);
      expect(duration).toBeGreaterThan(1);
      await video.evaluate(async (v: HTMLVideoElement) => {
        v.muted = true;
        await v.play();
      });
      await expect
        .poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime))
        .toBeGreaterThan(0);
      await video.evaluate((v: HTMLVideoElement) => {
        v.pause();
        v.currentTime = v.duration / 2;
      });
      await expect
        .poll(() => video.evaluate((v: HTMLVideoElement) => (v.seeking ? -1 : v.currentTime)))
        .toBeGreaterThan(duration / 2 - 0.5);
    });
  });
}

test("复用 on a gallery video opens the video tab with its prompt", async ({ page }) => {
  await signUpAndIn(page);
  const res = await page.request.get("/api/assets?sort=new&type=video&limit=50");
  const items = ((await res.json()) as { items: { id: string; type: string; prompt: string }[] })
    .items;
  const clip = items.find((a) => a.type === "video" && a.prompt);
  expect(clip, "the demo gallery has videos").toBeTruthy();
  await page.goto(`/create?asset=${clip!.id}`);
  await expect(page.getByRole("tab", { name: "视频" })).toHaveAttribute("aria-selected", "true");
  await expect(tabpanel(page).getByLabel("提示词")).toHaveValue(clip!.prompt);
  await expect(tabpanel(page).getByRole("combobox", { name: "模型" })).toContainText("Mock Video");
});

test.describe("at 360 px", () => {
  test.use({ viewport: { width: 360, height: 780 } });

  test("a user with 6 credits chats on Mock Chat, and the conversation survives reload", async ({
    page,
  }) => {
    const user = await signUpAndIn(page);
    const balance = await (await page.request.get("/api/credits/balance")).json();
    await grant(page.request, user.email, 6 - (balance as { credits: number }).credits);
    await page.goto("/create");
    await pickModel(page, /mock-chat(?!-pro)/);
    await expect(tabpanel(page).getByText(/一般回答约 \d+ 积分/)).toBeVisible();
    await expect(tabpanel(page).getByTestId("insufficient-notice")).toHaveCount(0);
    const words = `讲一个关于灯塔的故事 ${Date.now().toString(36)}`;
    await tabpanel(page).getByLabel("提示词").fill(words);
    await tabpanel(page).getByRole("button", { name: "发送" }).click();
    const log = tabpanel(page).getByRole("log", { name: "对话记录" });
    await expect(log).toContainText(words);
    await expect(tabpanel(page).getByRole("button", { name: "发送" })).toBeVisible();
    const reply = log.getByTestId("assistant-message").last();
    await expect(reply).toHaveAttribute("data-state", "done");
    expect(((await reply.textContent()) ?? "").replace("助手：", "").trim().length).toBeGreaterThan(
      0,
    );
    await expect(page.getByRole("region", { name: "调用总结" })).toContainText("完成");
    const spent = await (await page.request.get("/api/credits/balance")).json();
    expect((spent as { credits: number }).credits).toBeLessThan(6);
    await noSideways(page);

    await page.reload();
    await expect(tabpanel(page).getByRole("log", { name: "对话记录" })).toContainText(words);
    await expect(tabpanel(page).getByTestId("assistant-message")).toHaveCount(1);
    await expect(tabpanel(page).getByLabel("对话", { exact: true })).toContainText(
      words.slice(0, 10),
    );
  });

  test("a zero balance says what is missing and whom to ask", async ({ page }) => {
    const token = await adminToken(page.request);
    const set = (operatorContact: string) =>
      page.request.patch("/api/admin/settings", {
        data: { operatorContact },
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await set("微信 aigc-e2e")).ok()).toBe(true);
    try {
      const user = await signUpAndIn(page);
      const balance = await (await page.request.get("/api/credits/balance")).json();
      await grant(page.request, user.email, -(balance as { credits: number }).credits);
      await page.goto("/create");
      await page.getByRole("tab", { name: "生成图片" }).click();
      await pickModel(page, /mock-image/);
      const notice = tabpanel(page).getByTestId("insufficient-notice");
      await expect(notice).toContainText("还差 5 积分");
      await expect(notice).toContainText("微信 aigc-e2e");
      await expect(notice.getByRole("link", { name: "查看积分" })).toBeVisible();
      await expect(
        tabpanel(page).getByRole("button", { name: /生成图片 · 5 积分/ }),
      ).toBeDisabled();
      await noSideways(page);
    } finally {
      await set("");
    }
  });
});

test("编辑这张 opens a generation in 编辑图片; a mask of the wrong size is refused at once, a right one previewed", async ({
  page,
}) => {
  await signUpAndIn(page);
  await page.goto("/create");
  await page.getByRole("tab", { name: "生成图片" }).click();
  await pickModel(page, /mock-image/);
  const words = `竖幅 e2e-${Date.now().toString(36)}`;
  await tabpanel(page).getByLabel("提示词").fill(words);
  await tabpanel(page).getByLabel("尺寸").selectOption("1024x1792");
  await tabpanel(page)
    .getByRole("button", { name: /生成图片 · \d+ 积分/ })
    .click();
  const card = generation(page, words);
  await expect(card.getByTestId("task-status")).toContainText("已完成");
  await card.getByRole("button", { name: "编辑这张" }).click();

  await expect(page.getByRole("tab", { name: "编辑图片" })).toHaveAttribute(
    "aria-selected",
    "true",
  );
  const panel = tabpanel(page);
  await expect(panel.getByRole("img", { name: "原图预览" })).toBeVisible();
  // The output size follows the picture: a portrait source defaults to the portrait size.
  await expect(panel.getByLabel("尺寸")).toHaveValue("1024x1792");
  const source = await panel
    .getByRole("img", { name: "原图预览" })
    .evaluate((img: HTMLImageElement) => ({ w: img.naturalWidth, h: img.naturalHeight }));

  const maskOf = (w: number, h: number) =>
    sharp({ create: { width: w, height: h, channels: 4, background: "#00000000" } })
      .png()
      .toBuffer();
  await panel.getByLabel("遮罩").setInputFiles({
    name: "mask.png",
    mimeType: "image/png",
    buffer: await maskOf(64, 64),
  });
  await expect(
    panel.getByText(`遮罩尺寸 64×64 与原图 ${source.w}×${source.h} 不一致`),
  ).toBeVisible();
  await expect(panel.getByRole("button", { name: /编辑图片 · \d+ 积分/ })).toBeDisabled();
  await expect(panel.getByTestId("mask-overlay")).toHaveCount(0);

  await panel.getByLabel("遮罩").setInputFiles({
    name: "mask.png",
    mimeType: "image/png",
    buffer: await maskOf(source.w, source.h),
  });
  await expect(panel.getByTestId("mask-overlay")).toBeVisible();
  await expect(panel.getByText("遮罩预览")).toBeVisible();
  await panel.getByLabel("提示词").fill("加一轮月亮");
  await expect(panel.getByRole("button", { name: /编辑图片 · \d+ 积分/ })).toBeEnabled();
});
