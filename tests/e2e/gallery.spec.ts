import { expect, test } from "@playwright/test";
import { apiIds, cardIds, cards, FIRST, noInfiniteScroll, PAGE } from "./helpers";

// The gallery as a visitor uses it: server-rendered first page, filters, sort, paging.

test("home: first cards are in the server HTML", async ({ request }) => {
  const html = await (await request.get("/")).text();
  const ids = await apiIds(request, `type=all&sort=hot&limit=${FIRST + 1}`);
  expect(html).toContain('lang="zh-CN"');
  for (const id of ids.slice(0, FIRST)) expect(html).toContain(`data-asset-id="${id}"`);
  // The rest comes from /api/assets as the visitor scrolls: the first load stays small.
  expect(html).not.toContain(`data-asset-id="${ids[FIRST]}"`);
});

test("home: type filter and sort, in the URL", async ({ page, request }) => {
  await noInfiniteScroll(page);
  await page.goto("/");
  await expect(cards(page)).toHaveCount(FIRST);
  expect(await cardIds(page)).toEqual(await apiIds(request, `type=all&sort=hot&limit=${FIRST}`));

  await page.getByRole("group", { name: "类型" }).getByRole("link", { name: "视频" }).click();
  await expect(page).toHaveURL(/\/\?type=video$/);
  await expect(
    page.getByRole("group", { name: "类型" }).getByRole("link", { name: "视频" }),
  ).toHaveAttribute("aria-current", "true");
  const videoCards = cards(page);
  await expect(videoCards.first()).toBeVisible();
  for (const card of await videoCards.all())
    await expect(card).toHaveAttribute("data-type", "video");

  await page.getByRole("group", { name: "排序" }).getByRole("link", { name: "最新" }).click();
  await expect(page).toHaveURL(/\/\?type=video&sort=new$/);
  await expect
    .poll(() => cardIds(page))
    .toEqual(await apiIds(request, `type=video&sort=new&limit=${FIRST}`));

  await page.getByRole("group", { name: "类型" }).getByRole("link", { name: "图片" }).click();
  await expect(page).toHaveURL(/\/\?type=image&sort=new$/);
  await expect
    .poll(() => cardIds(page))
    .toEqual(await apiIds(request, `type=image&sort=new&limit=${FIRST}`));
  for (const card of await cards(page).all())
    await expect(card).toHaveAttribute("data-type", "image");
});

test("home: 加载更多 appends the next page without duplicates, then says it is the end", async ({
  page,
  request,
}) => {
  // Clicking the button scrolls it into view, which would also wake the infinite scroll; with
  // IntersectionObserver unavailable (old browsers, some webviews) the button alone must work.
  await noInfiniteScroll(page);
  await page.setViewportSize({ width: 390, height: 844 });
  const all = [...(await apiIds(request, "type=image&sort=hot&limit=50"))];
  expect(all.length).toBeGreaterThan(FIRST);
  await page.goto("/?type=image");
  await expect(cards(page)).toHaveCount(FIRST);

  await page.getByRole("button", { name: "加载更多" }).click();
  await expect(cards(page)).toHaveCount(Math.min(FIRST + PAGE, all.length));
  const ids = await cardIds(page);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids).toEqual(all.slice(0, ids.length));
  if (all.length <= FIRST + PAGE)
    await expect(page.getByText(`已经到底了 · 共 ${all.length} 件作品`)).toBeVisible();
});

test("home: scrolling to the bottom loads every page (infinite scroll)", async ({
  page,
  request,
}) => {
  const total =
    (await apiIds(request, "type=all&sort=new&limit=50")).length +
    (await apiIds(request, "type=video&sort=new&limit=50")).length;
  expect(total).toBeGreaterThan(40);
  await page.goto("/?sort=new");
  await expect.poll(() => cards(page).count()).toBeGreaterThanOrEqual(FIRST);
  const end = page.getByText(/^已经到底了/);
  // Scroll to the bottom, then wait until a page arrived (or the end shows) before the next one.
  for (let i = 0; i < 10 && !(await end.isVisible()); i++) {
    const shown = await cards(page).count();
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect
      .poll(async () => (await end.isVisible()) || (await cards(page).count()) > shown)
      .toBe(true);
  }
  await expect(end).toBeVisible();
  const ids = await cardIds(page);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.length).toBeGreaterThan(40);
});

test("explore: tag, model, type and sort live in the URL and survive a reload", async ({
  page,
  request,
}) => {
  await noInfiniteScroll(page);
  await page.goto("/explore");
  const tags = page.getByRole("group", { name: "标签" });
  const tagButton = tags.getByRole("button").nth(1);
  const tagName = ((await tagButton.textContent()) ?? "")
    .replace(/^#/, "")
    .replace(/\d+$/, "")
    .trim();
  expect(tagName.length).toBeGreaterThan(0);

  await tagButton.click();
  await expect(page).toHaveURL(new RegExp(`/explore\\?tag=${encodeURIComponent(tagName)}$`));
  await page.getByRole("group", { name: "排序" }).getByRole("button", { name: "最新" }).click();
  await expect(page).toHaveURL(/sort=new/);
  await expect(page).toHaveURL(/tag=/);
  const expected = await apiIds(
    request,
    `type=all&sort=new&limit=${FIRST}&tag=${encodeURIComponent(tagName)}`,
  );
  await expect.poll(() => cardIds(page)).toEqual(expected);

  await page.reload();
  await expect(page).toHaveURL(/sort=new/);
  await expect(tags.getByRole("button", { name: new RegExp(`^#${tagName}`) })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(
    page.getByRole("group", { name: "排序" }).getByRole("button", { name: "最新" }),
  ).toHaveAttribute("aria-pressed", "true");
  expect(await cardIds(page)).toEqual(expected);

  // Model select: every card then shows that model; type=video narrows further.
  const select = page.getByLabel("模型", { exact: true });
  await page.getByRole("button", { name: "全部标签" }).click();
  await expect(page).not.toHaveURL(/tag=/);
  const model = await select.locator("option").nth(1).getAttribute("value");
  await select.selectOption(model!);
  await expect.poll(() => new URL(page.url()).searchParams.get("model")).toBe(model);
  await expect
    .poll(async () => (await cards(page).allTextContents()).every((t) => t.includes(model!)))
    .toBe(true);

  await page.reload();
  await expect(select).toHaveValue(model!);
  await expect
    .poll(() => cardIds(page))
    .toEqual(
      await apiIds(request, `type=all&sort=new&limit=${FIRST}&model=${encodeURIComponent(model!)}`),
    );
});

test("explore: a filter with no match shows the empty state and can be cleared", async ({
  page,
}) => {
  await noInfiniteScroll(page);
  await page.goto("/explore?tag=__none__");
  await expect(page.getByText("没有同时符合「#__none__」的作品")).toBeVisible();
  // The unknown value is shown as an active condition that can be removed.
  await expect(page.getByRole("button", { name: "移除条件 #__none__" })).toBeVisible();
  await page.getByRole("link", { name: "清除筛选" }).click();
  await expect(page).toHaveURL(/\/explore$/);
  await expect(cards(page)).toHaveCount(FIRST);
});

test("home: a failed page shows 重试, which loads it", async ({ page }) => {
  // Only the button loads pages here (see the 加载更多 test).
  await noInfiniteScroll(page);
  let failNext = true;
  await page.route("**/api/assets?**", (route) => {
    if (!failNext) return route.continue();
    failNext = false;
    return route.fulfill({ status: 503, body: "{}" });
  });
  await page.goto("/");
  await expect(cards(page)).toHaveCount(FIRST);
  await page.getByRole("button", { name: "加载更多" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("加载失败");
  await expect(cards(page)).toHaveCount(FIRST);
  await page.getByRole("button", { name: "重试" }).click();
  await expect(cards(page)).toHaveCount(FIRST + PAGE);
  await expect(page.getByRole("button", { name: "加载更多" })).toBeVisible();
});
