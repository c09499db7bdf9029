import { expect, type Page, test } from "@playwright/test";
import {
  apiIds,
  cardIds,
  cards,
  FIRST,
  noInfiniteScroll,
  PAGE,
  registerUser,
  signInNewUser,
  submitSignIn,
} from "./helpers";

// Browsing the gallery as people do on a phone and on a desktop: a wall in rank order that never
// reshuffles, works opened over the feed with their own URL, videos that play and seek,
// favorites that come back (also across a sign-in), and explore facets that tell the truth.

type Box = { id: string; x: number; y: number; w: number; h: number };

/** Every card's place on the page (document coordinates), in DOM order (= API order). */
const boxes = (page: Page): Promise<Box[]> =>
  cards(page).evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return {
        id: el.getAttribute("data-asset-id") ?? "",
        x: Math.round(r.left + window.scrollX),
        y: r.top + window.scrollY,
        w: r.width,
        h: r.height,
      };
    }),
  );

/**
 * Waits for the wall to be on screen: streamed Suspense content is revealed in batches, so the
 * cards can be in the document a moment before they are laid out.
 */
async function wall(page: Page, count: number) {
  await expect(cards(page)).toHaveCount(count);
  await expect(cards(page).nth(count - 1)).toBeVisible();
}

const viewportTop = (page: Page, id: string) =>
  page.locator(`article[data-asset-id="${id}"]`).evaluate((el) => el.getBoundingClientRect().top);

const SIZES = [
  { name: "phone", width: 360, height: 740, columns: 2 },
  { name: "desktop", width: 1366, height: 900, columns: 5 },
];

for (const size of SIZES) {
  test.describe(`${size.name} ${size.width}px`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test("the wall reads in rank order, row by row, on both sorts", async ({ page, request }) => {
      await noInfiniteScroll(page);
      for (const sort of ["hot", "new"] as const) {
        await page.goto(sort === "hot" ? "/" : "/?sort=new");
        await wall(page, FIRST);
        expect(await cardIds(page)).toEqual(
          await apiIds(request, `type=all&sort=${sort}&limit=${FIRST}`),
        );
        const b = await boxes(page);
        const columns = [...new Set(b.map((c) => c.x))].sort((x, y) => x - y);
        expect(columns).toHaveLength(size.columns);
        // The first row holds #1…#n from left to right.
        expect(b.slice(0, size.columns).map((c) => c.x)).toEqual(columns);
        for (const c of b.slice(0, size.columns)) expect(Math.abs(c.y - b[0].y)).toBeLessThan(1);
        // Reading on, a card never starts above the one ranked before it; level cards read left to right
        // (a card a fraction of a pixel lower is simply lower: its column was that much taller).
        for (let i = 1; i < b.length; i++) {
          expect(b[i].y, `card ${i + 1}`).toBeGreaterThanOrEqual(b[i - 1].y);
          if (b[i].y === b[i - 1].y) expect(b[i].x).toBeGreaterThan(b[i - 1].x);
        }
      }
    });

    test("加载更多 only adds below: no card already shown moves", async ({ page }) => {
      await noInfiniteScroll(page);
      await page.goto("/?sort=new");
      await wall(page, FIRST);
      const before = await boxes(page);
      await page.getByRole("button", { name: "加载更多" }).click();
      await wall(page, FIRST + PAGE);
      const after = await boxes(page);
      expect(after.slice(0, FIRST)).toEqual(before);
      // Each new card starts below every earlier card of its column.
      for (const card of after.slice(FIRST))
        for (const old of before.filter((o) => o.x === card.x))
          expect(card.y).toBeGreaterThan(old.y + old.h - 1);
    });

    test("a card opens its work over the feed with its own URL; Back returns to the same place", async ({
      page,
    }) => {
      await noInfiniteScroll(page);
      await page.goto("/");
      await wall(page, FIRST);
      const card = cards(page).nth(FIRST - 1);
      const id = (await card.getAttribute("data-asset-id"))!;
      await card.scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollBy(0, 37));
      const scrolled = await page.evaluate(() => window.scrollY);
      expect(scrolled).toBeGreaterThan(0);
      const title = (await card.locator("a").first().locator("span span").first().textContent())!;

      await card.locator("a").first().click();
      await expect(page).toHaveURL(`/works/${id}`);
      const dialog = page.getByRole("dialog", { name: title });
      await expect(dialog.getByRole("heading", { name: title })).toBeVisible();
      await expect(dialog.getByTestId("prompt")).not.toBeEmpty();
      await expect(cards(page).first()).toBeAttached();

      await page.goBack();
      await expect(page).toHaveURL("/");
      await expect(page.getByRole("dialog")).toHaveCount(0);
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(scrolled);
      await expect(cards(page)).toHaveCount(FIRST);

      // Keyboard: every card is a link; Enter opens it, Escape closes it and focus comes back.
      const link = cards(page).nth(2).locator("a").first();
      await link.focus();
      await page.keyboard.press("Enter");
      await expect(page).toHaveURL(/\/works\//);
      await expect(page.getByRole("dialog")).toBeVisible();
      await page.keyboard.press("Escape");
      await expect(page).toHaveURL("/");
      await expect(link).toBeFocused();
    });

    test("收藏 signed out → sign in → the favorite is applied, back at the same place", async ({
      page,
    }) => {
      const user = await registerUser(page.request);
      await page.context().clearCookies();
      await noInfiniteScroll(page);
      await page.goto("/?sort=new");
      await wall(page, FIRST);
      await page.getByRole("button", { name: "加载更多" }).click();
      await wall(page, FIRST + PAGE);
      const card = cards(page).nth(FIRST + PAGE - 9);
      const id = (await card.getAttribute("data-asset-id"))!;
      await card.scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollBy(0, -60));
      const top = await viewportTop(page, id);

      await card.getByRole("button", { name: /^收藏/ }).click();
      await expect(page).toHaveURL(`/auth/signin?callbackUrl=${encodeURIComponent("/?sort=new")}`);
      await submitSignIn(page, user.email, user.password);
      await expect(page).toHaveURL("/?sort=new");

      const again = page.locator(`article[data-asset-id="${id}"]`);
      await expect(again.getByRole("button", { name: /^收藏/ })).toHaveAttribute(
        "aria-pressed",
        "true",
      );
      await expect.poll(async () => Math.abs((await viewportTop(page, id)) - top)).toBeLessThan(2);
      await expect
        .poll(async () => {
          const res = await page.request.get(`/api/assets/${id}`);
          return ((await res.json()) as { item: { favored?: boolean } }).item.favored;
        })
        .toBe(true);
    });
  });
}

test("a direct visit to /works/{id} is the full page, rendered on the server", async ({
  page,
  request,
}) => {
  const [id] = await apiIds(request, "type=image&sort=hot&limit=1");
  const work = (await (await request.get(`/api/assets/${id}`)).json()).item;
  const html = await (await request.get(`/works/${id}`)).text();
  for (const text of [work.title, work.prompt, work.author.name, work.modelTag, ...work.tags])
    expect(html).toContain(text);
  expect(html).toContain(`property="og:image"`);

  await page.goto(`/works/${id}`);
  await expect(page.getByRole("heading", { level: 1, name: work.title })).toBeVisible();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  // A tag leads to explore filtered by it.
  await page.getByRole("link", { name: `#${work.tags[0]}` }).click();
  await expect(page).toHaveURL(`/explore?tag=${encodeURIComponent(work.tags[0])}`);
});

test("the work page's video plays with controls and seeks (Range)", async ({ page, request }) => {
  const [id] = await apiIds(request, "type=video&sort=hot&limit=1");
  const ranges: number[] = [];
  page.on("response", (r) => {
    if (r.url().includes("/api/media/") && r.url().endsWith(".mp4")) ranges.push(r.status());
  });
  await page.goto(`/works/${id}`);
  const video = page.locator("video[controls]");
  await expect(video).toBeVisible();
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThan(0);
  const duration = await video.evaluate((v: HTMLVideoElement) => v.duration);
  expect(duration).toBeGreaterThan(2);
  const at = await video.evaluate(
    (v: HTMLVideoElement) =>
      new Promise<number>((resolve) => {
        v.addEventListener("seeked", () => resolve(v.currentTime), { once: true });
        v.currentTime = 2;
      }),
  );
  expect(at).toBeCloseTo(2, 0);
  expect(ranges).toContain(206);
});

test("favorites come back on /me/favorites, latest first", async ({ page, request }) => {
  const user = await registerUser(request);
  await page.goto("/auth/signin");
  await submitSignIn(page, user.email, user.password);
  await expect(page).toHaveURL("/");
  const picked = [cards(page).nth(4), cards(page).nth(1)];
  const ids: string[] = [];
  for (const card of picked) {
    ids.push((await card.getAttribute("data-asset-id"))!);
    const saved = page.waitForResponse((r) => r.url().endsWith("/api/favorites/toggle"));
    await card.getByRole("button", { name: /^收藏/ }).click();
    expect((await saved).status()).toBe(200);
  }
  await page.getByRole("banner").getByRole("link", { name: "收藏" }).click();
  await expect(page).toHaveURL("/me/favorites");
  await expect(page.getByRole("heading", { name: "我的收藏" })).toBeVisible();
  await expect.poll(() => cardIds(page)).toEqual([ids[1], ids[0]]);
  for (const card of await cards(page).all())
    await expect(card.getByRole("button", { name: /^收藏/ })).toHaveAttribute(
      "aria-pressed",
      "true",
    );

  // Un-favorited, it is gone from the list on the next visit.
  const saved = page.waitForResponse((r) => r.url().endsWith("/api/favorites/toggle"));
  await cards(page).first().getByRole("button", { name: /^收藏/ }).click();
  await saved;
  await page.reload();
  await expect.poll(() => cardIds(page)).toEqual([ids[0]]);
});

test("my works: the author retitles, retags and takes a work down from its page", async ({
  page,
}) => {
  await signInNewUser(page);
  await expect(page).toHaveURL("/");
  const gen = await page.request.post("/api/ai/images/generations", {
    data: { model: "mock-image", prompt: "e2e 我的作品：雪山", persist: true, title: "雪山" },
  });
  expect(gen.ok()).toBe(true);
  const id = (await gen.json()).data[0].assetId as string;

  await page.getByRole("banner").getByRole("link", { name: "我的", exact: true }).click();
  await page
    .getByRole("navigation", { name: "我的内容" })
    .getByRole("link", { name: "我的作品" })
    .click();
  await expect(page).toHaveURL("/me/works");
  await expect.poll(() => cardIds(page)).toEqual([id]);
  await cards(page).first().locator("a").first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "编辑标题和标签" }).click();
  await dialog.getByLabel("标题").fill("雪山日出");
  await dialog.getByLabel("标签").fill("雪山，日出");
  await dialog.getByRole("button", { name: "保存" }).click();
  await expect(dialog.getByRole("heading", { name: "雪山日出" })).toBeVisible();
  await expect(dialog.getByRole("link", { name: "#日出" })).toBeVisible();

  await dialog.getByRole("button", { name: "下架" }).click();
  await dialog.getByRole("button", { name: "确认下架" }).click();
  await expect(dialog.getByText("已下架，只有你能看到")).toBeVisible();
  await page.goto("/?sort=new");
  await expect(page.locator(`article[data-asset-id="${id}"]`)).toHaveCount(0);
  await page.goto("/me/works");
  const mine = cards(page).first();
  await expect(mine.getByText("已下架")).toBeVisible();
  // Back up from the list itself.
  await mine.getByRole("button", { name: "重新发布「雪山日出」" }).click();
  await expect(mine.getByRole("button", { name: "下架「雪山日出」" })).toBeVisible();
  await expect(mine.getByText("已下架")).toHaveCount(0);
  await page.goto("/?sort=new");
  await expect(page.locator(`article[data-asset-id="${id}"]`)).toBeVisible();
});

test("explore: every count is what choosing it shows; unknown values are chips; Back undoes a filter", async ({
  page,
  request,
}) => {
  const total = async (query: string) => {
    let n = 0;
    let cursor: string | null = null;
    do {
      const res = await request.get(
        `/api/assets?${query}&limit=50${cursor ? `&cursor=${cursor}` : ""}`,
      );
      const body = (await res.json()) as { items: unknown[]; nextCursor: string | null };
      n += body.items.length;
      cursor = body.nextCursor;
    } while (cursor);
    return n;
  };
  await noInfiniteScroll(page);
  await page.goto("/explore?type=video");
  const options = page.getByLabel("模型", { exact: true }).locator("option");
  const models = (await options.allTextContents()).slice(1).map((t) => {
    const m = /^(.*)（(\d+)）$/.exec(t)!;
    return { name: m[1], count: Number(m[2]) };
  });
  expect(models.length).toBeGreaterThan(0);
  for (const m of models) {
    expect(m.count).toBeGreaterThan(0);
    expect(m.count).toBe(await total(`type=video&model=${encodeURIComponent(m.name)}`));
  }
  const tagButtons = page.getByRole("group", { name: "标签" }).getByRole("button");
  for (const text of (await tagButtons.allTextContents()).slice(1, 4)) {
    const [, name, count] = /^#(.*?)(\d+)$/.exec(text)!;
    expect(Number(count)).toBe(await total(`type=video&tag=${encodeURIComponent(name)}`));
  }
  const videoChip = page
    .getByRole("group", { name: "类型" })
    .getByRole("button", { name: /^视频/ });
  await expect(videoChip).toContainText(String(await total("type=video")));

  // Choosing a model shows exactly its count, and Back undoes that one filter.
  await page.getByLabel("模型", { exact: true }).selectOption(models[0].name);
  await expect(page).toHaveURL(/model=/);
  await expect(cards(page)).toHaveCount(Math.min(FIRST, models[0].count));
  await page.goBack();
  await expect(page).toHaveURL("/explore?type=video");
  await expect(page.getByLabel("模型", { exact: true })).toHaveValue("");

  // A value nothing has: an explained empty page with the condition removable.
  await page.goto("/explore?type=video&model=Nope%20v9&sort=old");
  await expect(page.getByText("没有同时符合「模型 Nope v9」、「视频」的作品")).toBeVisible();
  await expect(page.getByRole("button", { name: "移除条件 无法识别的排序：old" })).toBeVisible();
  await page.getByRole("button", { name: "移除条件 模型：Nope v9" }).click();
  await expect(page).toHaveURL("/explore?type=video");
  await expect(cards(page).first()).toBeVisible();
});

test("/mobile: 我的 lists the favorites made in the feed", async ({ page, request }) => {
  const user = await registerUser(request);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/mobile#/me");
  await page.getByLabel("邮箱").fill(user.email);
  await page.getByLabel("密码").fill(user.password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  const nav = page.getByRole("navigation", { name: "主导航" });
  await nav.getByRole("button", { name: "广场" }).click();
  const feed = page.getByRole("feed", { name: "作品列表" });
  const card = feed.locator("article[data-asset-id]").nth(3);
  const id = (await card.getAttribute("data-asset-id"))!;
  // The shell has its own creator tab: no 复用 link to the site's /create on its cards.
  await expect(card.getByRole("link", { name: /^复用/ })).toHaveCount(0);
  const saved = page.waitForResponse((r) => r.url().endsWith("/api/favorites/toggle"));
  await card.getByRole("button", { name: /^收藏/ }).click();
  expect((await saved).status()).toBe(200);
  await nav.getByRole("button", { name: "我的" }).click();
  const mine = page.getByRole("feed", { name: "我的收藏" });
  await expect(mine.locator("article[data-asset-id]")).toHaveCount(1);
  await expect(mine.locator(`article[data-asset-id="${id}"]`)).toBeVisible();
});

test("做同款 opens the creator with the prompt and parameters, and says when the model was replaced", async ({
  page,
  request,
}) => {
  const user = await registerUser(request);
  await page.goto("/auth/signin");
  await submitSignIn(page, user.email, user.password);
  await expect(page).toHaveURL("/");
  type Item = {
    id: string;
    modelSlug: string;
    modelTag: string;
    prompt: string;
    params: { size?: string };
  };
  const all = (
    (await (await request.get("/api/assets?type=image&sort=new&limit=50")).json()) as {
      items: Item[];
    }
  ).items;
  const elsewhere = all.find((w) => w.modelSlug === "midjourney-v6")!;
  const here = all.find((w) => w.modelSlug === "mock-image" && w.params.size === "1024x1792")!;

  await page.goto(`/works/${elsewhere.id}`);
  await expect(page.getByText("本站暂未提供，做同款时将改用「Mock Image」")).toBeVisible();
  await page.getByRole("link", { name: /^复用/ }).first().click();
  await expect(page).toHaveURL(`/create?asset=${elsewhere.id}`);
  await expect(
    page.getByText("原作品使用的模型「Midjourney v6」在本站不可用，已改用「Mock Image」"),
  ).toBeVisible();
  const panel = page.getByRole("tabpanel", { name: "生成图片" });
  await expect(panel.getByLabel("提示词")).toHaveValue(elsewhere.prompt);
  await expect(panel.getByRole("combobox", { name: "模型" })).toContainText("Mock Image");

  await page.goto(`/works/${here.id}`);
  await page.getByRole("link", { name: "使用此模型" }).waitFor();
  await page.getByRole("link", { name: /^复用/ }).first().click();
  await expect(page).toHaveURL(`/create?asset=${here.id}`);
  await expect(page.getByText("已载入作品的提示词、参数和模型「Mock Image」")).toBeVisible();
  await expect(panel.getByLabel("提示词")).toHaveValue(here.prompt);
  await expect(panel.getByLabel("尺寸")).toHaveValue("1024x1792");
});
