import net from "node:net";
import { expect, type Page, request as playwrightRequest, test } from "@playwright/test";
import { type MockUpstream, startMockUpstream } from "../mocks/openai-server";
import { ADMIN, registerUser, submitSignIn, uniqueEmail } from "./helpers";

// The admin journey of issue 3 against a real OpenAI-compatible mock upstream started here:
// add a provider, test the connection, import, price a model, disable one; a non-admin is refused.

const KEY = "sk-e2e-upstream-secret-7f3a";
const RUN = Date.now().toString(36);
const SLUG = `e2e-${RUN}`;
const MODELS = [`${SLUG}-chat-small`, `${SLUG}-chat-large`, `${SLUG}-painter`];

let upstream: MockUpstream;

test.beforeAll(async () => {
  upstream = await startMockUpstream({ apiKey: KEY });
  upstream.setModels(MODELS.map((id) => ({ id, owned_by: "e2e" })));
});
// The e2e server is shared by every spec: remove the provider (and with it its models) so later
// specs see only the built-in models, not ones pointing at this stopped upstream.
test.afterAll(async () => {
  await upstream?.stop();
  const api = await playwrightRequest.newContext({ baseURL: test.info().project.use.baseURL });
  const { token } = await (await api.post("/api/auth/token", { data: ADMIN })).json();
  const headers = { authorization: `Bearer ${token}` };
  const { items } = await (await api.get("/api/admin/ai/providers", { headers })).json();
  for (const p of items as { id: string; slug: string }[]) {
    if (p.slug === SLUG || p.slug.startsWith(`${SLUG}-`))
      expect((await api.delete(`/api/admin/ai/providers/${p.id}`, { headers })).ok()).toBe(true);
  }
  await api.dispose();
});

/** Signs in through the sign-in page, as a person would, landing on /admin/ai. */
async function signIn(page: Page, email: string, password: string) {
  await page.goto(`/auth/signin?callbackUrl=${encodeURIComponent("/admin/ai")}`);
  await submitSignIn(page, email, password);
  await page.waitForURL("**/admin/ai");
}

async function shoot(page: Page, name: string) {
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: test.info().outputPath(`${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("admin adds a provider, tests it, imports, prices and disables models", async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page.getByRole("heading", { name: "AI 服务商与模型" })).toBeVisible();
  await expect(page.getByRole("tab", { name: "服务商" })).toHaveAttribute("aria-selected", "true");

  // Provider form: extraHeaders is checked before anything is sent.
  await page.getByRole("button", { name: "＋ 添加服务商" }).click();
  const form = page.getByRole("dialog", { name: "添加服务商" });
  await form.getByLabel("名称").fill("E2E 模拟服务商");
  await form.getByLabel("标识（slug）").fill(SLUG);
  await form.getByLabel("Base URL").fill(upstream.url);
  await form.getByLabel("密钥", { exact: true }).fill(KEY);
  const headers = form.getByLabel("额外请求头（JSON）");
  await headers.fill('{"Authorization": "Bearer stolen"}');
  await expect(form.getByText("不允许覆盖 Authorization 请求头")).toBeVisible();
  await expect(form.getByRole("button", { name: "创建" })).toBeDisabled();
  await headers.fill('{"X-E2E": "yes"}');
  await shoot(page, "provider-form");
  await form.getByRole("button", { name: "创建" }).click();
  await expect(form).toBeHidden();

  const row = page.getByTestId(`provider-row-${SLUG}`);
  await expect(row).toContainText("••••7f3a");
  expect(await page.content()).not.toContain(KEY);

  // A taken slug comes back from the server and is shown at its field.
  await page.getByRole("button", { name: "＋ 添加服务商" }).click();
  await form.getByLabel("名称").fill("重复的服务商");
  await form.getByLabel("标识（slug）").fill(SLUG);
  await form.getByLabel("Base URL").fill(upstream.url);
  await form.getByRole("button", { name: "创建" }).click();
  await expect(form.getByLabel("标识（slug）")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("标识（slug）")).toHaveAccessibleDescription(/已被/);
  await form.getByRole("button", { name: "取消" }).click();

  // Saving an edit with the key field left empty keeps the stored key (the connection test below needs it).
  await row.getByRole("button", { name: "编辑 E2E 模拟服务商" }).click();
  const edit = page.getByRole("dialog", { name: "编辑服务商 · E2E 模拟服务商" });
  await expect(edit.getByLabel("新密钥")).toHaveValue("");
  await expect(edit.getByText("••••7f3a")).toBeVisible();
  await edit.getByLabel("名称").fill("E2E 模拟服务商");
  await edit.getByRole("button", { name: "保存" }).click();
  await expect(edit).toBeHidden();
  await expect(row).toContainText("••••7f3a");

  await row.getByRole("button", { name: /连接测试/ }).click();
  await expect(row.getByRole("status")).toContainText("连接成功");
  await expect(row.getByRole("status")).toContainText("3 个模型");
  const modelsCall = upstream.requests.find((r) => r.path.endsWith("/models"));
  expect(modelsCall?.headers["x-e2e"]).toBe("yes");
  await shoot(page, "providers");

  // Import with a default chat price.
  await page.getByRole("tab", { name: "模型" }).click();
  await page.getByRole("button", { name: "导入模型" }).click();
  const importer = page.getByRole("dialog", { name: "从服务商导入模型" });
  await importer.getByLabel("服务商").selectOption({ label: `E2E 模拟服务商（${SLUG}）` });
  await importer.getByLabel("导入策略").selectOption("openaiLike");
  await importer.getByLabel("批量标签").fill("e2e");
  await importer.getByLabel("导入后状态").selectOption("true");
  await importer.getByLabel("为导入的模型设置默认定价").check();
  await importer.getByRole("button", { name: "开始导入" }).click();
  await expect(importer.getByText("导入完成")).toBeVisible();
  await expect(importer.locator("dd").first()).toHaveText("3");
  await shoot(page, "import-result");
  await importer.getByRole("button", { name: "完成" }).click();

  const searched = page.waitForResponse((r) => r.url().includes(`/api/admin/ai/models?q=${SLUG}`));
  await page.getByLabel("搜索模型").fill(SLUG);
  await searched;
  await expect(page.getByTestId(/^model-row-/)).toHaveCount(MODELS.length);
  for (const id of MODELS) await expect(page.getByTestId(`model-row-${id}`)).toBeVisible();
  await shoot(page, "models");

  // Edit a price: token prices on top of the imported fixed price.
  await page.getByRole("button", { name: `编辑 ${MODELS[0]}` }).click();
  const editor = page.getByRole("dialog", { name: `编辑模型 · ${MODELS[0]}` });
  await editor.getByLabel("输入：每千 Token 积分").fill("0.5");
  await editor.getByLabel("输出：每千 Token 积分").fill("1.5");
  await editor.getByLabel("每次固定积分").first().fill("2");
  await editor.getByLabel("每分钟请求上限（rpm）").fill("30");
  await shoot(page, "model-editor");
  await editor.getByRole("button", { name: "保存" }).click();
  await expect(editor).toBeHidden();
  await expect(page.getByTestId(`model-row-${MODELS[0]}`)).toContainText(
    "入 0.5 · 出 1.5 /千Token",
  );

  const saved = await page.request.get(`/api/admin/ai/models?q=${MODELS[0]}`);
  const item = (
    (await saved.json()) as { items: { slug: string; pricing: unknown; rateLimit: unknown }[] }
  ).items.find((m) => m.slug === MODELS[0]);
  expect(item?.pricing).toEqual({
    chat: { fixedCreditsPerCall: 2, perKTokens: { input: 0.5, output: 1.5 } },
    rounding: "ceil",
  });
  expect(item?.rateLimit).toEqual({ rpm: 30 });

  // Disable one model through the bulk bar; it leaves the public list.
  await page.getByRole("checkbox", { name: `选择 ${MODELS[1]}` }).check();
  await page.getByRole("button", { name: "批量停用" }).click();
  await expect(page.getByTestId(`model-row-${MODELS[1]}`)).toContainText("停用");
  const listed = (
    (await (await page.request.get("/v1/models")).json()) as { data: { id: string }[] }
  ).data.map((m) => m.id);
  expect(listed).toContain(MODELS[0]);
  expect(listed).not.toContain(MODELS[1]);

  // Deleting needs the slug typed a second time.
  await page.getByRole("button", { name: `删除 ${MODELS[2]}` }).click();
  const confirm = page.getByRole("dialog", { name: "删除模型" });
  await expect(confirm.getByRole("button", { name: "确认删除" })).toBeDisabled();
  await confirm.getByLabel(`请输入 ${MODELS[2]} 以确认`).fill(MODELS[2]);
  await confirm.getByRole("button", { name: "确认删除" }).click();
  await expect(page.getByTestId(`model-row-${MODELS[2]}`)).toHaveCount(0);

  await page.getByRole("tab", { name: "审计日志" }).click();
  const audit = page.getByRole("table", { name: "审计日志" });
  await expect(audit.getByRole("row").nth(1)).toBeVisible();
  await expect(audit).toContainText(ADMIN.email);
  expect(await page.content()).not.toContain(KEY);
  await shoot(page, "audit");
});

test("the provider form says what it needs; connection errors read once; the import dialog keeps its buttons (issue 15 item 18)", async ({
  page,
}) => {
  const closed = await new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.getByRole("button", { name: "＋ 添加服务商" }).click();
  const form = page.getByRole("dialog", { name: "添加服务商" });
  const create = form.getByRole("button", { name: "创建" });
  await expect(create).toBeDisabled();
  await expect(create).toHaveAccessibleDescription("请填写名称、标识、Base URL。");

  // The slug follows the name until it is typed by hand.
  await form.getByLabel("名称").fill("Dead Gateway 官方");
  await expect(form.getByLabel("标识（slug）")).toHaveValue("dead-gateway");
  await form.getByLabel("标识（slug）").fill(`${SLUG}-dead`);
  await form.getByLabel("名称").fill("Dead Gateway");
  await expect(form.getByLabel("标识（slug）")).toHaveValue(`${SLUG}-dead`);

  // A wrong base URL is explained at its field and by the disabled button.
  const baseURL = form.getByLabel("Base URL");
  await baseURL.fill("ftp//nowhere");
  await baseURL.blur();
  await expect(baseURL).toHaveAttribute("aria-invalid", "true");
  await expect(baseURL).toHaveAccessibleDescription(/不是合法的 URL/);
  await expect(create).toHaveAccessibleDescription("请修正Base URL。");
  await baseURL.fill(`http://127.0.0.1:${closed}/v1`);
  await expect(baseURL).not.toHaveAttribute("aria-invalid", "true");
  await create.click();
  await expect(form).toBeHidden();

  const row = page.getByTestId(`provider-row-${SLUG}-dead`);
  await row.getByRole("button", { name: /连接测试/ }).click();
  const status = row.getByRole("status");
  await expect(status).toContainText("服务器拒绝连接（ECONNREFUSED）");
  expect((await status.textContent())!.match(/连接失败/g)).toHaveLength(1);

  // On a phone, a failed import keeps its message and both buttons in view.
  await page.setViewportSize({ width: 360, height: 640 });
  await page.getByRole("tab", { name: "模型" }).click();
  await page.getByRole("button", { name: "导入模型" }).click();
  const importer = page.getByRole("dialog", { name: "从服务商导入模型" });
  await importer.getByLabel("服务商").selectOption({ label: `Dead Gateway（${SLUG}-dead）` });
  await importer.getByRole("button", { name: "开始导入" }).click();
  await expect(importer.getByRole("alert")).toContainText("服务器拒绝连接");
  await expect(importer.getByRole("alert")).toBeInViewport();
  await expect(importer.getByRole("button", { name: "开始导入" })).toBeInViewport();
  await expect(importer.getByRole("button", { name: "取消" })).toBeInViewport();
  await shoot(page, "import-error");
});

test("a signed-in non-admin is refused /admin/ai and its API", async ({ page }) => {
  const { email, password } = await registerUser(page.request, uniqueEmail("admin-ai"));
  await signIn(page, email, password);
  await expect(page.getByRole("heading", { name: "无权访问" })).toBeVisible();
  await expect(page.getByRole("tab")).toHaveCount(0);
  expect((await page.request.get("/api/admin/ai/providers")).status()).toBe(403);
  await shoot(page, "forbidden");
});

test("a signed-out visitor is sent to sign in", async ({ page }) => {
  await page.goto("/admin/ai");
  await expect(page).toHaveURL(/\/auth\/signin\?callbackUrl=%2Fadmin%2Fai$/);
});
