import { expect, request as playwrightRequest, test } from "@playwright/test";
import { ADMIN, submitSignIn } from "./helpers";

// An admin adds an embedding + speech model on the built-in mock provider through the model form:
// capabilities and the two new pricing sections, saved as contract §4 JSON, callable at once.

const SLUG = `e2e-media-${Date.now().toString(36)}`;

test.afterAll(async () => {
  const api = await playwrightRequest.newContext({ baseURL: test.info().project.use.baseURL });
  const { token } = await (await api.post("/api/auth/token", { data: ADMIN })).json();
  const headers = { authorization: `Bearer ${token}` };
  const { items } = await (await api.get(`/api/admin/ai/models?q=${SLUG}`, { headers })).json();
  for (const m of items as { id: string }[])
    await api.delete(`/api/admin/ai/models/${m.id}`, { headers });
  await api.dispose();
});

test("admin prices an embedding and speech model per 1K tokens / characters", async ({ page }) => {
  await page.goto(`/auth/signin?callbackUrl=${encodeURIComponent("/admin/ai")}`);
  await submitSignIn(page, ADMIN.email, ADMIN.password);
  await page.waitForURL("**/admin/ai");
  await page.getByRole("tab", { name: "模型" }).click();
  await page.getByRole("button", { name: "＋ 添加模型" }).click();
  const form = page.getByRole("dialog", { name: "添加模型" });
  await form.getByLabel("显示名称").fill("E2E 向量与语音");
  await form.getByLabel("公开标识（slug）").fill(SLUG);
  await form.getByLabel("上游模型名").fill("mock-embedding");
  await form.getByLabel("服务商").selectOption({ label: "内置模拟服务（mock）" });
  await form.getByRole("checkbox", { name: "对话 chat", exact: true }).uncheck();
  await form.getByRole("checkbox", { name: "向量嵌入 embedding", exact: true }).check();
  await form.getByRole("checkbox", { name: "语音合成 audio.speech", exact: true }).check();

  const embedding = form.getByRole("group", { name: "向量嵌入（embedding）" });
  await embedding.getByRole("checkbox", { name: "向量嵌入（embedding）" }).check();
  await embedding.getByLabel("输入：每千 Token 积分").fill("0.2");
  const speech = form.getByRole("group", { name: "语音合成（audio.speech）" });
  await speech.getByRole("checkbox", { name: "语音合成（audio.speech）" }).check();
  // A fractional fixed price is refused in place, before anything is sent.
  await speech.getByLabel("每次固定积分").fill("1.5");
  await form.getByRole("button", { name: "创建" }).click();
  await expect(speech.getByText("请输入整数积分")).toBeVisible();
  await expect(speech.getByText("必填")).toBeVisible();
  await speech.getByLabel("每千字符积分").fill("15");
  await speech.getByLabel("每次固定积分").fill("");
  await speech.getByLabel("最低积分").fill("2");
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({
      path: test.info().outputPath(`media-pricing-${width}.png`),
      fullPage: true,
    });
  }
  await form.getByRole("button", { name: "创建" }).click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId(`model-row-${SLUG}`)).toContainText(
    "嵌入 0.2/千Token；语音 15/千字符",
  );

  const { token } = await (await page.request.post("/api/auth/token", { data: ADMIN })).json();
  const headers = { authorization: `Bearer ${token}` };
  const saved = (
    await (await page.request.get(`/api/admin/ai/models?q=${SLUG}`, { headers })).json()
  ).items[0];
  expect(saved).toMatchObject({
    capabilities: ["embedding", "audio.speech"],
    pricing: {
      embedding: { perKTokens: { input: 0.2 } },
      "audio.speech": { perKChars: 15, minCredits: 2 },
      rounding: "ceil",
    },
  });
  // Callable at once through the gateway, for what it was given and nothing else.
  const emb = await page.request.post("/v1/embeddings", {
    headers,
    data: { model: SLUG, input: "你好" },
  });
  expect(emb.status()).toBe(200);
  expect((await emb.json()).model).toBe(SLUG);
  const chat = await page.request.post("/v1/chat/completions", {
    headers,
    data: { model: SLUG, messages: [{ role: "user", content: "x" }] },
  });
  expect(chat.status()).toBe(404);
});
