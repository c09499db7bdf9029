import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { ADMIN, cards, registerUser, submitSignIn, uniqueEmail } from "./helpers";

// axe on every page of the site (issue 15 item 19), signed out, as a user and as an admin, at a
// phone width and a desktop width: no serious or critical violation of WCAG 2.1 A/AA (set
// AXE_REPORT=1 to print every finding, minor ones included).

const WIDTHS = [375, 1280];
// The findings of the axe pass are refused whatever impact axe gives them.
const ALWAYS = new Set(["aria-allowed-role", "label-content-name-mismatch", "color-contrast"]);

async function audit(page: Page, what: string) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    const { violations } = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
      // Experimental in axe, but a real WCAG 2.5.3 failure: a visible label the accessible name
      // does not contain (voice users say what they see).
      .options({ rules: { "label-content-name-mismatch": { enabled: true } } })
      .analyze();
    if (process.env.AXE_REPORT)
      for (const v of violations)
        console.log(what, width, v.id, v.impact, v.nodes.map((n) => n.target.join(" ")).join(", "));
    const bad = violations
      .filter((v) => v.impact === "serious" || v.impact === "critical" || ALWAYS.has(v.id))
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    expect(bad, `${what} at ${width}px`).toEqual([]);
  }
}

async function signIn(page: Page, email: string, password: string, to = "/") {
  await page.goto(`/auth/signin?callbackUrl=${encodeURIComponent(to)}`);
  await submitSignIn(page, email, password);
  await page.waitForURL(`**${to}`);
}

test("signed out: gallery, explore, sign-in, sign-up, verify, 404, the app shell", async ({
  page,
}) => {
  await page.goto("/");
  await expect(cards(page).first()).toBeVisible();
  await audit(page, "home");
  await page.goto("/explore");
  await expect(cards(page).first()).toBeVisible();
  await audit(page, "explore");
  await page.goto("/auth/signin");
  await audit(page, "sign-in");
  await page.goto("/auth/signup");
  await page.getByRole("button", { name: "注册并登录" }).click();
  await expect(page.getByLabel("邮箱")).toHaveAttribute("aria-invalid", "true");
  await audit(page, "sign-up with errors");
  await page.goto("/auth/verify?status=verified");
  await audit(page, "email verified");
  await page.goto("/no-such-page");
  await audit(page, "404");
  await page.goto("/mobile");
  await expect(cards(page).first()).toBeVisible();
  await audit(page, "app shell feed");
  await page
    .getByRole("navigation", { name: "主导航" })
    .getByRole("button", { name: "我的" })
    .click();
  await audit(page, "app shell sign-in");
});

test("signed in: create (chat, images), credits, a refused admin page", async ({ page }) => {
  const { email, password } = await registerUser(page.request, uniqueEmail("a11y"));
  await signIn(page, email, password, "/create");
  await expect(page.getByTestId("balance-value").first()).toBeVisible();
  await audit(page, "create: chat");
  await page.getByRole("tab", { name: "生成图片" }).click();
  await audit(page, "create: generate");
  await page.getByRole("tab", { name: "编辑图片" }).click();
  await audit(page, "create: edit");
  await page.goto("/credits");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await audit(page, "credits");
  await page.goto("/");
  await expect(cards(page).first()).toBeVisible();
  await audit(page, "home signed in");
  await page.goto("/admin/ai");
  await expect(page.getByRole("heading", { name: "无权访问" })).toBeVisible();
  await audit(page, "admin refused");
});

test("admin: providers, models, audit, dialogs", async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password, "/admin/ai");
  await expect(page.getByRole("heading", { name: "AI 服务商与模型" })).toBeVisible();
  await expect(page.getByTestId("provider-row-mock").first()).toBeVisible();
  await audit(page, "admin: providers");
  await page.getByRole("button", { name: "＋ 添加服务商" }).click();
  await audit(page, "admin: provider form");
  await page.getByRole("dialog").getByRole("button", { name: "取消" }).click();
  await page.getByRole("tab", { name: "模型" }).click();
  await expect(page.getByTestId(/^model-row-/).first()).toBeVisible();
  await audit(page, "admin: models");
  await page.getByRole("button", { name: "导入模型" }).click();
  await audit(page, "admin: import dialog");
  await page.getByRole("dialog").getByRole("button", { name: "取消" }).click();
  await page.getByRole("tab", { name: "审计日志" }).click();
  await expect(page.getByRole("table", { name: "审计日志" })).toBeVisible();
  await audit(page, "admin: audit");
});
