import OpenAI from "openai";
import { expect, type Page, test } from "@playwright/test";
import { ADMIN, registerUser, submitSignIn, uniqueEmail } from "./helpers";

// Issue 11 as people meet it: a user makes a key with a 100-credit daily limit for one model,
// copies it once, uses it from the official SDK, sees "last used" change and revokes it; the
// operator finds them, grants 50 credits and cuts them off — at phone and desktop widths.

const API = `http://127.0.0.1:${Number(process.env.E2E_PORT || 3210)}`;
const WIDTHS = [360, 1366] as const;

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

async function signIn(page: Page, email: string, password: string, to: string) {
  await page.goto(`/auth/signin?callbackUrl=${encodeURIComponent(to)}`);
  await submitSignIn(page, email, password);
  await page.waitForURL(`**${to}`);
}

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

/** The page must never scroll sideways (360 px phones included). */
async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

for (const width of WIDTHS) {
  test(`a personal key: create, copy once, use from the SDK, last used, revoke (${width}px)`, async ({
    page,
    request,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    const user = await registerUser(request, uniqueEmail(`keys${width}`));
    await signIn(page, user.email, user.password, "/me");
    await expect(page.getByRole("heading", { name: "我的账户", exact: true })).toBeVisible();
    await page.getByRole("link", { name: "管理 API 密钥" }).click();
    await page.waitForURL("**/me/keys");
    await expect(page.getByText("还没有 API 密钥")).toBeVisible();
    await expect(page.getByText(`${API}/v1`).first()).toBeVisible();

    await page.getByRole("button", { name: "新建密钥" }).click();
    const form = page.getByRole("dialog", { name: "新建 API 密钥" });
    await form.getByRole("button", { name: "创建" }).click();
    await expect(form.getByText("请填写名称")).toBeVisible(); // checked before anything is sent
    await form.getByLabel("名称").fill(`Cherry Studio ${width}`);
    await form.getByLabel("指定模型").check();
    await form
      .getByRole("checkbox", { name: /mock-chat\b/ })
      .first()
      .check();
    await form.getByLabel("积分额度（留空为不限）").fill("100");
    await form.getByLabel("额度重置").selectOption("daily");
    await form.getByRole("button", { name: "创建" }).click();

    const reveal = page.getByRole("dialog", { name: "保存你的 API 密钥" });
    const field = reveal.getByLabel("新建的 API 密钥");
    const key = await field.inputValue();
    expect(key).toMatch(/^sk-[A-Za-z0-9]{40}$/);
    await expectNoSidewaysScroll(page);
    await shoot(page, `key-created-${width}`);
    await reveal.getByRole("button", { name: "复制密钥" }).click();
    await expect(reveal.getByText("已复制到剪贴板")).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    await reveal.getByRole("button", { name: "我已保存，关闭" }).click();
    await expect(reveal).toBeHidden();

    // Shown once: after closing, and after a reload, the key is nowhere on the page.
    const card = page.getByRole("listitem", { name: `密钥 Cherry Studio ${width}` });
    await expect(card.getByText(`${key.slice(0, 7)}…${key.slice(-4)}`)).toBeVisible();
    await expect(card.getByTestId("key-last-used")).toHaveText("从未使用");
    await page.reload();
    expect(await page.content()).not.toContain(key.slice(7, -4));

    // The key in a real OpenAI client: its model works, another model does not.
    const openai = new OpenAI({ baseURL: `${API}/v1`, apiKey: key, maxRetries: 0 });
    const answer = await openai.chat.completions.create({
      model: "mock-chat",
      messages: [{ role: "user", content: "你好" }],
    });
    expect(answer.choices[0].message.content).toBeTruthy();
    const refused = await openai.images
      .generate({ model: "mock-image", prompt: "a cat" })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OpenAI.PermissionDeniedError);

    await page.reload();
    await expect(card.getByTestId("key-last-used")).toContainText("127.0.0.1");
    await expect(card.getByTestId("key-limit")).toContainText(/每天 [1-9]\d* \/ 100 积分/);
    await expectNoSidewaysScroll(page);
    await shoot(page, `key-used-${width}`);

    await card.getByRole("button", { name: "撤销" }).click();
    const confirm = page.getByRole("dialog", { name: "撤销密钥" });
    await confirm.getByRole("button", { name: "确认撤销" }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByText(`已撤销「Cherry Studio ${width}」`)).toBeVisible();
    await expect(page.getByText("已撤销的密钥（1）")).toBeVisible();
    const afterRevoke = await openai.chat.completions
      .create({ model: "mock-chat", messages: [{ role: "user", content: "再来" }] })
      .catch((e: unknown) => e);
    expect(afterRevoke).toBeInstanceOf(OpenAI.AuthenticationError);
  });

  test(`the operator finds a user, grants 50 credits and disables them (${width}px)`, async ({
    page,
    request,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    const user = await registerUser(request, uniqueEmail(`ops${width}`));
    const { token } = await (await request.post("/api/auth/token", { data: user })).json();
    const before = (
      await (
        await request.get("/api/credits/balance", { headers: { authorization: `Bearer ${token}` } })
      ).json()
    ).credits as number;

    await signIn(page, ADMIN.email, ADMIN.password, "/admin");
    await page.waitForURL("**/admin/users");
    await page.getByRole("searchbox", { name: "搜索用户" }).fill(user.email);
    const link = page.getByRole("link", { name: user.email });
    await expect(link).toHaveCount(1);
    await expectNoSidewaysScroll(page);
    await link.click();
    await page.waitForURL("**/admin/users/*");
    await expect(page.getByRole("heading", { name: user.email, exact: true })).toBeVisible();
    await expect(page.getByTestId("user-credits")).toHaveText(before.toLocaleString("zh-CN"));

    await page.getByRole("button", { name: "调整积分" }).click();
    const grant = page.getByRole("dialog", { name: "调整积分" });
    await grant.getByLabel("积分").fill("50");
    await grant.getByLabel("原因（记录在账单与审计日志中）").fill("e2e 活动奖励");
    await grant.getByRole("button", { name: "确认增加" }).click();
    await expect(page.getByText(`已增加 50 积分，余额 ${before + 50}`)).toBeVisible();
    await expect(page.getByTestId("user-credits")).toHaveText(
      (before + 50).toLocaleString("zh-CN"),
    );
    await expect(
      page
        .getByRole("region", { name: "积分明细" })
        .getByText("+50")
        .filter({ visible: true })
        .first(),
    ).toBeVisible();
    await shoot(page, `admin-user-${width}`);

    await page.getByRole("button", { name: "停用账号" }).click();
    const disable = page.getByRole("dialog", { name: "停用账号" });
    const confirmButton = disable.getByRole("button", { name: "确认停用" });
    await expect(confirmButton).toBeDisabled(); // until the email is typed
    await disable.getByLabel(`请输入 ${user.email} 以确认`).fill(user.email);
    await confirmButton.click();
    await expect(page.getByTestId("user-status")).toContainText("已停用");
    await expectNoSidewaysScroll(page);

    // Cut off at once: their token no longer works, and they cannot sign in.
    const balance = await request.get("/api/credits/balance", {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(balance.status()).toBe(401);
    expect((await request.post("/api/auth/token", { data: user })).status()).toBe(403);
  });
}

test("settings are live: announcement across the site, quotas shown in /create", async ({
  page,
  request,
}) => {
  const admin = await (await request.post("/api/auth/token", { data: ADMIN })).json();
  const headers = { authorization: `Bearer ${admin.token}` };
  const notice = `e2e 公告 ${Date.now().toString(36)}`;
  await signIn(page, ADMIN.email, ADMIN.password, "/admin/settings");
  await page.getByLabel("站点公告").fill(notice);
  await page.getByLabel("default 生成图片每日额度").fill("20");
  await page.getByRole("button", { name: "保存设置" }).click();
  await expect(page.getByText("已保存，所有实例立即生效")).toBeVisible();
  try {
    const user = await registerUser(request, uniqueEmail("quota"));
    await page.context().clearCookies();
    await page.setViewportSize({ width: 360, height: 800 });
    await signIn(page, user.email, user.password, "/create");
    await expect(page.getByRole("note", { name: "站点公告" })).toHaveText(notice);
    await expect(page.getByTestId("quota-strip")).toHaveText("今日剩余：生成图片 20 / 20 张");
    await expectNoSidewaysScroll(page);
    // One call, so the usage page has something to chart.
    const { token } = await (await request.post("/api/auth/token", { data: user })).json();
    const call = await request.post("/v1/chat/completions", {
      headers: { authorization: `Bearer ${token}` },
      data: { model: "mock-chat", messages: [{ role: "user", content: "hi" }] },
    });
    expect(call.status()).toBe(200);

    await page.context().clearCookies();
    await page.setViewportSize({ width: 1366, height: 900 });
    await signIn(page, ADMIN.email, ADMIN.password, "/admin/usage");
    await expect(page.getByRole("heading", { name: "用量", exact: true })).toBeVisible();
    await expect(page.locator("figure svg").first()).toBeVisible();
    await shoot(page, "admin-usage-1366");
  } finally {
    // The e2e server is shared: leave the settings as other specs expect them.
    const reset = await request.patch("/api/admin/settings", {
      headers,
      data: { announcement: "", quotaPlans: { default: {} } },
    });
    expect(reset.ok()).toBe(true);
  }
});

test("the /mobile shell: 我的 → API 密钥 makes a key with the shell's bearer token", async ({
  page,
  request,
}) => {
  await page.setViewportSize({ width: 360, height: 780 });
  const user = await registerUser(request, uniqueEmail("shellkeys"));
  await page.goto("/mobile#/me");
  await page.getByLabel("邮箱").fill(user.email);
  await page.getByLabel("密码").fill(user.password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  const nav = page.getByRole("navigation", { name: "主导航" });
  // Signed in, the shell goes back to the feed; then to 我的.
  await expect(nav.getByRole("button", { name: "广场" })).toHaveAttribute("aria-current", "page");
  await nav.getByRole("button", { name: "我的" }).click();
  await page.getByRole("button", { name: "API 密钥" }).click();
  const sheet = page.getByRole("region", { name: "API 密钥" });
  await expect(sheet.getByText("还没有 API 密钥")).toBeVisible();
  // The shell sends its bearer token, never a cookie: this works on a device's own origin too.
  const sent = page.waitForRequest((r) => r.url().endsWith("/api/keys") && r.method() === "POST");
  await sheet.getByRole("button", { name: "新建密钥" }).click();
  const form = page.getByRole("dialog", { name: "新建 API 密钥" });
  await form.getByLabel("名称").fill("手机上的脚本");
  await form.getByRole("button", { name: "创建" }).click();
  expect((await sent).headers().authorization).toMatch(/^Bearer /);
  const key = await page
    .getByRole("dialog", { name: "保存你的 API 密钥" })
    .getByLabel("新建的 API 密钥")
    .inputValue();
  expect(key).toMatch(/^sk-/);
  await page.getByRole("button", { name: "我已保存，关闭" }).click();
  await expect(sheet.getByRole("listitem", { name: "密钥 手机上的脚本" })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await shoot(page, "shell-keys-360");
  await sheet.getByRole("button", { name: "‹ 返回" }).click();
  await expect(page.getByRole("button", { name: "API 密钥" })).toBeFocused();
});
