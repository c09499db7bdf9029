import { expect, type APIRequestContext, type Page, test } from "@playwright/test";
import { ADMIN, registerUser, submitSignIn } from "./helpers";

// The admin's view of generations, in Chromium: a user's videos made on the built-in mock
// (one completes, one is cancelled from the page with a refund, one fails), filtered by user
// and status, with error details — and the stored MP4 really plays (H.264 in Debian's Chromium).

async function tokenFor(request: APIRequestContext, email: string, password: string) {
  const res = await request.post("/api/auth/token", { data: { email, password } });
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { token: string }).token;
}

async function makeVideo(request: APIRequestContext, token: string, prompt: string) {
  const res = await request.post("/v1/videos", {
    headers: { authorization: `Bearer ${token}` },
    data: { model: "mock-video", prompt },
  });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { id: string }).id;
}

async function balance(request: APIRequestContext, token: string) {
  const res = await request.get("/api/credits/balance", {
    headers: { authorization: `Bearer ${token}` },
  });
  return ((await res.json()) as { credits: number }).credits;
}

async function openTasks(page: Page) {
  await page.goto(`/auth/signin?callbackUrl=${encodeURIComponent("/admin/ai")}`);
  await submitSignIn(page, ADMIN.email, ADMIN.password);
  await page.waitForURL("**/admin/ai");
  await page.getByRole("tab", { name: "任务" }).click();
  await expect(page.getByRole("heading", { name: "生成任务" })).toBeVisible();
}

test("admin tasks: filter, error details, cancel with refund, and the MP4 plays", async ({
  page,
  request,
}) => {
  const user = await registerUser(request);
  const token = await tokenFor(request, user.email, user.password);
  const start = await balance(request, token);
  const done = await makeVideo(request, token, "海边的日落，镜头缓慢推进");
  const failing = await makeVideo(request, token, "这一条会失败 #fail");
  const running = await makeVideo(request, token, "一条要被取消的视频");
  expect(await balance(request, token)).toBe(start - 24);

  await openTasks(page);
  await page.getByLabel("按用户筛选").fill(user.email);
  const card = (id: string) => page.getByRole("article", { name: `任务 ${id}` });
  await expect(card(running)).toBeVisible();
  await expect(card(done)).toBeVisible();

  // Cancel the running one from the page: refunded at once.
  await card(running).getByRole("button", { name: "取消并退款" }).click();
  await expect(page.getByText("已取消任务，退还 8 积分")).toBeVisible();
  await expect(card(running)).toHaveAttribute("data-status", "cancelled");
  await expect(card(running)).toContainText("已取消");

  // The failing one shows its error; its hold comes back too.
  await expect(card(failing)).toHaveAttribute("data-status", "failed", { timeout: 20_000 });
  await expect(card(failing)).toContainText("generation_failed");
  await expect(card(failing)).toContainText("#fail");

  // The completed one: filter by status, then play its stored MP4 in the browser.
  await expect(card(done)).toHaveAttribute("data-status", "completed", { timeout: 30_000 });
  await page.getByLabel("按状态筛选").selectOption("completed");
  await expect(card(failing)).toBeHidden();
  const video = card(done).locator("video");
  await expect(video).toBeVisible();
  const played = await video.evaluate(async (el: HTMLVideoElement) => {
    const codec = el.canPlayType('video/mp4; codecs="avc1.42E01E"');
    const mse =
      typeof MediaSource !== "undefined" &&
      MediaSource.isTypeSupported('video/mp4; codecs="avc1.42E01E"');
    el.muted = true;
    await el.play();
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`stuck at ${el.currentTime}`)), 10_000);
      el.addEventListener("timeupdate", () => {
        if (el.currentTime > 0.5) {
          clearTimeout(t);
          resolve();
        }
      });
    });
    return {
      codec,
      mse,
      width: el.videoWidth,
      height: el.videoHeight,
      error: el.error?.code ?? null,
    };
  });
  expect(played).toEqual({ codec: "probably", mse: true, width: 720, height: 1280, error: null });
  test.info().annotations.push({ type: "h264", description: JSON.stringify(played) });
  await page.screenshot({ path: test.info().outputPath("admin-tasks.png"), fullPage: true });

  // One video charged (8), the cancelled and the failed ones refunded.
  expect(await balance(request, token)).toBe(start - 8);
  const forbidden = await request.get("/api/admin/tasks", {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(forbidden.status()).toBe(403);
});
