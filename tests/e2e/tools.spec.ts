import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import sharp from "sharp";
import { apiBalance, badgeCredits, signUpAndIn } from "./create-helpers";

// 图片工具 as a new user meets it, on the production build with the built-in mock provider (each
// mock tool call takes MOCK_TOOL_MS, set in playwright.config.ts, so a workflow's steps are seen
// one after the other): the price shown before a run is what is charged after it, the output
// has the size shown, the before/after slider works from the keyboard, a result is published,
// and a bad file is refused in Chinese without costing anything.

const SIGNUP_CREDITS = 100;

async function openTools(page: Page): Promise<Locator> {
  await page.goto("/create");
  await page.getByRole("tab", { name: "图片工具" }).click();
  const panel = page.getByRole("tabpanel");
  await expect(
    panel.getByRole("group", { name: "一键工作流", exact: true }).getByRole("radio"),
  ).toHaveCount(3);
  return panel;
}

/** Picks a tool or a workflow by the name on its card (the radio itself is visually hidden). */
async function choose(panel: Locator, group: "单项工具" | "一键工作流", name: string) {
  const card = panel
    .getByRole("group", { name: group, exact: true })
    .locator("label", { hasText: name });
  await card.first().click();
  await expect(card.first().getByRole("radio")).toBeChecked();
}

/** A product shot: a red box on a white ground (the mock's border flood fill takes the white). */
async function productPhoto(width: number, height: number) {
  const box = await sharp({
    create: { width: width / 2, height: height / 2, channels: 3, background: "#c0392b" },
  })
    .png()
    .toBuffer();
  return sharp({ create: { width, height, channels: 3, background: "#ffffff" } })
    .composite([{ input: box, left: width / 4, top: height / 4 }])
    .jpeg({ quality: 92 })
    .toBuffer();
}

const upload = (panel: Locator, name: string, mimeType: string, buffer: Buffer) =>
  panel.getByLabel("上传原图").setInputFiles({ name, mimeType, buffer });

const priceTotal = async (panel: Locator) =>
  Number((await panel.getByTestId("price-total").innerText()).replace(/[^\d]/g, ""));

/** The size of the picture the result view shows, as the browser decoded it. */
const shownSize = (panel: Locator) =>
  panel
    .getByRole("img", { name: "处理后的结果" })
    .evaluate((img: HTMLImageElement) =>
      img.complete && img.naturalWidth ? `${img.naturalWidth}×${img.naturalHeight}` : null,
    );

/** Every state the run's step list passes through, as "status,status,…", recorded in the page. */
async function recordSteps(page: Page) {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __steps: string[] }).__steps = seen;
    const snap = () => {
      const now = [...document.querySelectorAll('[data-testid="run-step"]')]
        .map((el) => el.getAttribute("data-status"))
        .join(",");
      if (now && seen[seen.length - 1] !== now) seen.push(now);
    };
    new MutationObserver(snap).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["data-status"],
    });
  });
  return () => page.evaluate(() => (window as unknown as { __steps: string[] }).__steps);
}

async function sliderCheck(page: Page, panel: Locator) {
  const slider = panel.getByRole("slider", { name: /对比滑块/ });
  const view = panel.getByTestId("before-after");
  const divider = view.locator(":scope > div[aria-hidden]").last();
  // Where the divider is drawn, as a percentage of the picture's width.
  const split = async () => {
    const [box, line] = [await view.boundingBox(), await divider.boundingBox()];
    return Math.round(((line!.x - box!.x) / box!.width) * 100);
  };
  await expect(slider).toHaveAttribute("aria-valuenow", "50");
  await slider.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
  await expect(slider).toHaveAttribute("aria-valuenow", "55");
  await expect(slider).toHaveAttribute("aria-valuetext", "原图占 55%");
  await expect.poll(split).toBe(55);
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await expect(slider).toHaveAttribute("aria-valuenow", "53");
  await expect.poll(split).toBe(53);
  await page.keyboard.press("End");
  await expect(slider).toHaveAttribute("aria-valuenow", "100");
  await page.keyboard.press("Home");
  await expect(slider).toHaveAttribute("aria-valuenow", "0");
  await expect.poll(split).toBe(0);
  // The original is clipped away entirely at 0: only the result shows.
  await expect(view.locator(":scope > div[aria-hidden]").first()).toHaveCSS(
    "clip-path",
    "inset(0px 100% 0px 0px)",
  );
}

for (const width of [360, 1366]) {
  test(`电商主图 at ${width}px: progress per step, the price shown is the charge, slider, publish, find the work`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    await signUpAndIn(page);
    const panel = await openTools(page);
    await choose(panel, "一键工作流", "电商主图");
    await upload(panel, "product.jpg", "image/jpeg", await productPhoto(640, 480));

    // Before the run: the exact output size and the price of each step and in all.
    await expect(panel.getByTestId("output-size")).toHaveText("1280×960");
    const breakdown = panel.getByRole("region", { name: "价格明细" });
    await expect(breakdown.locator("ol > li")).toHaveCount(3);
    await expect(breakdown).toContainText("移除背景");
    await expect(breakdown).toContainText("换成棚拍底色");
    await expect(breakdown).toContainText("放大 2×");
    const price = await priceTotal(panel);
    expect(price).toBeGreaterThan(0);
    await expect.poll(() => badgeCredits(page)).toBe(SIGNUP_CREDITS);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth);
    expect(await overflow()).toBeLessThanOrEqual(width);

    const history = await recordSteps(page);
    await panel.getByRole("button", { name: "一键电商主图" }).click();
    await expect(panel.getByRole("button", { name: "处理中…" })).toBeDisabled();
    const steps = panel.getByTestId("run-step");
    await expect(steps).toHaveCount(3);
    await expect(steps.nth(0)).toContainText("第 1 步 · 移除背景");
    await expect(steps.nth(2)).toContainText("第 3 步 · 放大 2×");
    await expect(steps.nth(2)).toHaveAttribute("data-status", "completed", { timeout: 30_000 });
    await expect(steps.nth(0)).toHaveAttribute("data-status", "completed");
    await expect(steps.nth(1)).toHaveAttribute("data-status", "completed");
    // Each step was seen running while the ones after it waited and the ones before were done.
    const seen = await history();
    expect(seen).toContain("in_progress,queued,queued");
    expect(seen).toContain("completed,in_progress,queued");
    expect(seen).toContain("completed,completed,in_progress");
    expect(seen[seen.length - 1]).toBe("completed,completed,completed");

    // Charged exactly the price shown, step by step and in all; the balance says so too.
    await expect(panel.getByTestId("run-total")).toHaveText(`合计实扣 ${price} 积分`);
    await expect.poll(() => badgeCredits(page)).toBe(SIGNUP_CREDITS - price);
    expect(await apiBalance(page)).toBe(SIGNUP_CREDITS - price);
    await expect.poll(() => shownSize(panel)).toBe("1280×960");
    expect(await overflow()).toBeLessThanOrEqual(width);

    await sliderCheck(page, panel);

    // Publish, then find it on its own work page.
    await panel.getByRole("button", { name: "发布到广场" }).click();
    const link = panel.getByRole("link", { name: "查看作品" });
    await expect(link).toBeVisible();
    const href = await link.getAttribute("href");
    expect(href).toMatch(/^\/works\/[\w-]+$/);
    const work = (
      await (await page.request.get(`/api${href!.replace("/works", "/assets")}`)).json()
    ).item as { title: string; width: number; height: number; type: string };
    expect(work).toMatchObject({ type: "image", width: 1280, height: 960 });
    await page.goto(href!);
    await expect(page.getByRole("heading", { level: 1, name: work.title })).toBeVisible();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    // Publishing is free.
    expect(await apiBalance(page)).toBe(SIGNUP_CREDITS - price);
  });
}

test("upscale 2× from the tab makes exactly the size shown, for the price shown; filed in a new project", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await signUpAndIn(page);
  const panel = await openTools(page);
  await choose(panel, "单项工具", "放大");
  await expect(panel.getByRole("button", { name: "2×", exact: true })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await upload(panel, "small.jpg", "image/jpeg", await productPhoto(300, 200));
  await expect(panel.getByTestId("output-size")).toHaveText("600×400");
  const price = await priceTotal(panel);
  await expect(panel.getByRole("region", { name: "价格明细" })).toContainText("600×400");

  // 4× and a typed size change the preview; back to 2×.
  await panel.getByRole("button", { name: "4×", exact: true }).click();
  await expect(panel.getByTestId("output-size")).toHaveText("1200×800");
  await panel.getByRole("button", { name: "2×", exact: true }).click();
  await expect(panel.getByTestId("output-size")).toHaveText("600×400");

  await panel.getByRole("button", { name: "开始放大" }).click();
  await expect.poll(() => shownSize(panel)).toBe("600×400");
  // The file the 下载 link gives is that size too.
  const href = await panel.getByRole("link", { name: "下载" }).getAttribute("href");
  const file = await page.request.get(href!);
  expect(file.ok()).toBe(true);
  const meta = await sharp(await file.body()).metadata();
  expect(`${meta.width}×${meta.height}`).toBe("600×400");
  await expect.poll(() => badgeCredits(page)).toBe(SIGNUP_CREDITS - price);
  expect(await apiBalance(page)).toBe(SIGNUP_CREDITS - price);
  await expect(page.getByTestId("summary-credits")).toHaveText(String(price));

  // File it in a project made on the spot, then find it on /me/projects.
  const name = `商品图 ${Date.now().toString(36)}`;
  page.once("dialog", (d) => void d.accept(name));
  await panel.getByLabel("保存到项目").selectOption({ label: "＋ 新建项目…" });
  await expect(panel.getByText(`已保存到项目「${name}」`)).toBeVisible();
  await page.goto("/me/projects");
  await page
    .getByRole("navigation", { name: "项目列表" })
    .getByRole("button", { name: new RegExp(`^${name}`) })
    .click();
  const items = page.getByRole("region", { name: `项目：${name}` }).getByTestId("project-item");
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText("放大");
});

test("a bad file gets a clear Chinese error and costs nothing", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await signUpAndIn(page);
  const panel = await openTools(page);
  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && /\/api\/(ai\/images|workflows)\//.test(r.url()))
      posts.push(r.url());
  });
  const run = panel.getByRole("button", { name: "开始放大" });

  // Not an image at all: refused in the browser, nothing is sent.
  await upload(panel, "notes.png", "image/png", Buffer.from("这不是图片"));
  await expect(panel.getByRole("alert")).toHaveText("仅支持 PNG、JPEG 或 WebP 图片");
  await expect(run).toBeDisabled();

  // An image's first bytes and then rubbish: the browser cannot read it either.
  const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#888" } })
    .png()
    .toBuffer();
  await upload(
    panel,
    "broken.png",
    "image/png",
    Buffer.concat([png.subarray(0, 16), Buffer.alloc(300, 7)]),
  );
  await expect(panel.getByRole("alert")).toHaveText("无法读取这张图片，文件可能已损坏，请换一张");
  await expect(run).toBeDisabled();
  expect(posts).toEqual([]);

  // A JPEG cut in half: the browser shows what it has, the server refuses it — in Chinese, with
  // nothing held or charged.
  const jpeg = await sharp({
    create: {
      width: 320,
      height: 240,
      channels: 3,
      background: "#808080",
      noise: { type: "gaussian", mean: 128, sigma: 40 },
    },
  })
    .jpeg()
    .toBuffer();
  await upload(panel, "cut.jpg", "image/jpeg", jpeg.subarray(0, Math.floor(jpeg.length / 2)));
  await expect(panel.getByTestId("output-size")).toHaveText("640×480");
  await run.click();
  await expect(panel.getByRole("alert")).toContainText("图片已损坏或无法解析");
  expect(posts).toHaveLength(1);
  await expect(run).toBeEnabled();

  expect(await apiBalance(page)).toBe(SIGNUP_CREDITS);
  await expect.poll(() => badgeCredits(page)).toBe(SIGNUP_CREDITS);
  const ledger = (await (await page.request.get("/api/credits/balance")).json()) as {
    recent: { delta: number }[];
  };
  expect(ledger.recent.map((t) => t.delta)).toEqual([SIGNUP_CREDITS]);
  const tasks = (await (await page.request.get("/api/tasks")).json()) as { items: unknown[] };
  expect(tasks.items).toEqual([]);
});

test("axe: the tools tab with a picture, its price and a result has no serious violation", async ({
  page,
}) => {
  await signUpAndIn(page);
  const panel = await openTools(page);
  const audit = async (what: string) => {
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      const { violations } = await new AxeBuilder({ page })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
        .options({ rules: { "label-content-name-mismatch": { enabled: true } } })
        .analyze();
      const bad = violations
        .filter(
          (v) =>
            v.impact === "serious" ||
            v.impact === "critical" ||
            ["aria-allowed-role", "label-content-name-mismatch", "color-contrast"].includes(v.id),
        )
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
      expect(bad, `${what} at ${width}px`).toEqual([]);
    }
  };
  await audit("tools: empty");
  await choose(panel, "单项工具", "扩图");
  await upload(panel, "photo.jpg", "image/jpeg", await productPhoto(400, 300));
  await panel.getByRole("button", { name: "按像素" }).click();
  await expect(panel.getByTestId("output-size")).toHaveText("600×300");
  await audit("tools: outpaint parameters and price");
  await panel.getByRole("button", { name: "开始扩图" }).click();
  await expect.poll(() => shownSize(panel)).toBe("600×300");
  await audit("tools: result");
});
