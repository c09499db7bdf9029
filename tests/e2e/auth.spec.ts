import { expect, test } from "@playwright/test";
import { ADMIN, cards, registerUser, signInNewUser, submitSignIn, uniqueEmail } from "./helpers";

test("sign up → sign out → sign in → 收藏 stays favored after reload", async ({ page }) => {
  const email = uniqueEmail("signup");
  await page.goto("/auth/signup");
  await page.getByLabel("昵称").fill("小白");
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill("short");
  await page.getByRole("button", { name: "注册并登录" }).click();
  await expect(page.getByLabel("密码")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("密码")).toHaveAccessibleDescription(/密码至少 8 位/);
  await expect(page.getByLabel("密码")).toBeFocused();

  await page.getByLabel("密码").fill("password123");
  await page.getByRole("button", { name: "注册并登录" }).click();
  await expect(page).toHaveURL(/\/$/);
  const header = page.getByRole("banner");
  await expect(header.getByText("积分 100")).toBeVisible();
  await expect(header.getByRole("link", { name: "管理", exact: true })).toHaveCount(0);

  await header.getByRole("button", { name: "退出" }).click();
  await expect(header.getByRole("link", { name: "登录" })).toBeVisible();

  // The same email cannot register twice.
  await page.goto("/auth/signup");
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill("password123");
  await page.getByRole("button", { name: "注册并登录" }).click();
  await expect(page.getByLabel("邮箱")).toHaveAccessibleDescription(/该邮箱已注册/);

  await page.goto("/auth/signin");
  await submitSignIn(page, email, "wrong-password");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("邮箱或密码错误");
  await submitSignIn(page, email, "password123");
  await expect(page).toHaveURL(/\/$/);
  await expect(header.getByText("积分 100")).toBeVisible();

  const card = cards(page).first();
  const id = await card.getAttribute("data-asset-id");
  const fav = card.getByRole("button", { name: /^收藏/ });
  const likes = Number(await card.getByTestId("likes").textContent());
  await expect(fav).toHaveAttribute("aria-pressed", "false");
  const saved = page.waitForResponse((r) => r.url().endsWith("/api/favorites/toggle"));
  await fav.click();
  await expect(fav).toHaveAttribute("aria-pressed", "true");
  await expect(card.getByTestId("likes")).toHaveText(String(likes + 1));
  expect((await saved).status()).toBe(200);
  // The server's answer confirms the optimistic state without counting the like twice.
  await page.waitForTimeout(300);
  await expect(card.getByTestId("likes")).toHaveText(String(likes + 1));

  await page.reload();
  const again = page.locator(`article[data-asset-id="${id}"]`);
  const favAgain = again.getByRole("button", { name: /^收藏/ });
  await expect(favAgain).toHaveAttribute("aria-pressed", "true");
  await expect(again.getByTestId("likes")).toHaveText(String(likes + 1));

  await favAgain.click();
  await expect(favAgain).toHaveAttribute("aria-pressed", "false");
  await expect(again.getByTestId("likes")).toHaveText(String(likes));
  await page.reload();
  await expect(favAgain).toHaveAttribute("aria-pressed", "false");
  await expect(again.getByTestId("likes")).toHaveText(String(likes));
});

test("sign-up shows every field's problem at once (issue 15 item 18)", async ({ page }) => {
  await page.goto("/auth/signup");
  await page.getByLabel("昵称").fill("名".repeat(51));
  await page.getByLabel("邮箱").fill("not-an-email");
  await page.getByLabel("密码").fill("short");
  await page.getByRole("button", { name: "注册并登录" }).click();
  await expect(page.getByLabel("昵称")).toHaveAccessibleDescription(/最多 50 个字符/);
  await expect(page.getByLabel("邮箱")).toHaveAccessibleDescription(/邮箱格式不正确/);
  await expect(page.getByLabel("密码")).toHaveAccessibleDescription(/密码至少 8 位/);
  await expect(page.getByLabel("昵称")).toBeFocused();
  // Fixing one field leaves the others' messages until the next attempt says otherwise.
  await page.getByLabel("昵称").fill("小白");
  await page.getByLabel("邮箱").fill(uniqueEmail("all-errors"));
  await page.getByRole("button", { name: "注册并登录" }).click();
  await expect(page.getByLabel("昵称")).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("邮箱")).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("密码")).toHaveAttribute("aria-invalid", "true");
});

test("signed out, 复用 goes through sign-in and lands on /create?asset=<id>", async ({ page }) => {
  const user = await registerUser(page.request);
  await page.context().clearCookies();
  await page.goto("/");
  const card = cards(page).nth(2);
  const id = (await card.getAttribute("data-asset-id"))!;
  await card.getByRole("link", { name: /^复用/ }).click();
  await expect(page).toHaveURL(
    `/auth/signin?callbackUrl=${encodeURIComponent(`/create?asset=${id}`)}`,
  );
  await submitSignIn(page, user.email, user.password);
  await expect(page).toHaveURL(`/create?asset=${id}`);
});

test("signed out, 收藏 goes through sign-in and comes back to the same filtered page", async ({
  page,
}) => {
  const user = await registerUser(page.request);
  await page.context().clearCookies();
  await page.goto("/explore?type=image&sort=new");
  await cards(page).first().getByRole("button", { name: /^收藏/ }).click();
  await expect(page).toHaveURL(/\/auth\/signin\?callbackUrl=/);
  await submitSignIn(page, user.email, user.password);
  await expect(page).toHaveURL("/explore?type=image&sort=new");
  await expect(page.getByRole("banner").getByRole("button", { name: "退出" })).toBeVisible();
});

test("callbackUrl pointing off-site is ignored after sign-in", async ({ page }) => {
  const user = await registerUser(page.request);
  await page.context().clearCookies();
  await page.goto(`/auth/signin?callbackUrl=${encodeURIComponent("https://evil.example/steal")}`);
  await submitSignIn(page, user.email, user.password);
  await expect(page).toHaveURL("/");
});

test("/admin: sign-in for visitors, 无权访问 for users, through for admins", async ({ page }) => {
  await page.goto("/admin");
  await expect(page).toHaveURL(`/auth/signin?callbackUrl=${encodeURIComponent("/admin")}`);

  const user = await registerUser(page.request);
  await submitSignIn(page, user.email, user.password);
  await expect(page).toHaveURL("/admin");
  await expect(page.getByRole("heading", { name: "无权访问" })).toBeVisible();
  await expect(
    page.getByRole("banner").getByRole("link", { name: "管理", exact: true }),
  ).toHaveCount(0);

  await page.context().clearCookies();
  await page.goto(`/auth/signin?callbackUrl=${encodeURIComponent("/admin")}`);
  await submitSignIn(page, ADMIN.email, ADMIN.password);
  await expect(page).toHaveURL(/\/admin\/users$/); // the console opens on 用户
  await expect(page.getByRole("heading", { name: "无权访问" })).toHaveCount(0);
  await expect(
    page.getByRole("banner").getByRole("link", { name: "管理", exact: true }),
  ).toHaveAttribute("aria-current", "page");
});

test("signed in, the page everyone shares fills in the account, its links and the hearts", async ({
  page,
}) => {
  const user = await signInNewUser(page);
  await expect(page).toHaveURL(/\/$/);
  const card = cards(page).nth(1);
  const id = await card.getAttribute("data-asset-id");
  await card.getByRole("button", { name: /^收藏/ }).click();
  await expect(card.getByRole("button", { name: /^收藏/ })).toHaveAttribute("aria-pressed", "true");

  // The next views of / are the page kept for everyone: nothing of this visitor is in it…
  await page.goto("/");
  const kept = await page.goto("/");
  expect(kept?.headers()["x-page-cache"]).toBe("hit");
  const html = await kept!.text();
  expect(html).not.toContain(user.email);
  expect(html).not.toContain("测试用户");
  // …and the islands fill it in from /api/me.
  const header = page.getByRole("banner");
  await expect(header.getByRole("link", { name: /测试用户/ })).toBeVisible();
  await expect(header.getByText("积分 100")).toBeVisible();
  await expect(header.getByRole("link", { name: "我的", exact: true })).toBeVisible();
  await expect(header.getByRole("link", { name: "管理", exact: true })).toHaveCount(0);
  const heart = page.locator(`article[data-asset-id="${id}"]`).getByRole("button", {
    name: /^收藏/,
  });
  await expect(heart).toHaveAttribute("aria-pressed", "true");
  await expect(cards(page).first().getByRole("button", { name: /^收藏/ })).toHaveAttribute(
    "aria-pressed",
    "false",
  );
});
