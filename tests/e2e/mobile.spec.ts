import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { devices, expect, type Page, test, type Request } from "@playwright/test";
import { ADMIN, apiIds, registerUser } from "./helpers";

// The feed tab's cards (the 我的 tab lists favorites with the same cards once signed in).
const cards = (page: Page) => page.locator("#tab-feed article[data-asset-id]");
const cardIds = (page: Page) =>
  cards(page).evaluateAll((els) => els.map((el) => el.getAttribute("data-asset-id") ?? ""));

// The Capacitor build as a device runs it: `npm run build:cap` baked with the API's address,
// served by a plain static file server on another origin (http://localhost:<port>), talking to
// the API (the Playwright web server, http://127.0.0.1:<E2E_PORT>) with a bearer token through
// CORS — sign-in, the remote feed, 收藏, one streamed chat with the built-in mock model, and an
// expired token sending the user back to sign-in.

const API = `http://127.0.0.1:${Number(process.env.E2E_PORT || 3210)}`;
const { defaultBrowserType: _ignored, ...pixel } = devices["Pixel 7"];
test.use({ ...pixel, baseURL: API });
test.describe.configure({ mode: "serial" });

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".txt": "text/plain; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
};

/** A static file server and nothing else: no rewrites beyond / → index.html, 404.html otherwise. */
function serveStatic(root: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    let file = path.join(root, pathname === "/" ? "index.html" : pathname);
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory())
      file = path.join(root, "404.html");
    res.writeHead(file.endsWith("404.html") && pathname !== "/404.html" ? 404 : 200, {
      "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
    });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        origin: `http://localhost:${port}`,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

let outDir = "";
let site: { origin: string; close: () => Promise<void> };

test.beforeAll(async () => {
  test.setTimeout(600_000);
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), "aigc-cap-"));
  // MOBILE_E2E_PREBUILT=<dir> reuses an export already built against this API address.
  const prebuilt = process.env.MOBILE_E2E_PREBUILT;
  if (prebuilt) fs.cpSync(prebuilt, outDir, { recursive: true });
  else {
    const code = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ["scripts/build-cap.mjs"], {
        stdio: "inherit",
        env: {
          ...process.env,
          NEXT_PUBLIC_API_BASE_URL: API,
          CAP_OUT_DIR: outDir,
          NEXT_TELEMETRY_DISABLED: "1",
        },
      });
      child.on("exit", (c) => resolve(c ?? 1));
    });
    expect(code, "npm run build:cap").toBe(0);
  }
  expect(fs.existsSync(path.join(outDir, "index.html"))).toBe(true);
  site = await serveStatic(outDir);
});

test.afterAll(async () => {
  await site?.close();
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

test("the export holds only the app shell, with the API address baked in", async () => {
  const html = fs.readFileSync(path.join(outDir, "index.html"), "utf8");
  expect(html).toContain('lang="zh-CN"');
  // No server routes were exported: no admin, create, auth or API folders.
  for (const route of ["admin", "create", "auth", "api", "mobile", "explore"]) {
    expect(fs.existsSync(path.join(outDir, route)), route).toBe(false);
  }
  const chunks = fs.readdirSync(path.join(outDir, "_next", "static", "chunks"), {
    recursive: true,
  }) as string[];
  const baked = chunks.some(
    (f) =>
      f.endsWith(".js") &&
      fs.readFileSync(path.join(outDir, "_next/static/chunks", f), "utf8").includes(API),
  );
  expect(baked).toBe(true);
});

test("signs in with a token, browses the remote feed, favorites, chats; an expired token goes back to sign-in", async ({
  page,
  request,
}) => {
  const user = await registerUser(request);
  const apiCalls: Request[] = [];
  page.on("request", (r) => {
    if (r.url().startsWith(`${API}/api/`)) apiCalls.push(r);
  });

  await page.goto(`${site.origin}/`);
  const nav = page.getByRole("navigation", { name: "主导航" });
  await expect(nav.getByRole("button", { name: "广场" })).toHaveAttribute("aria-current", "page");
  // Signed out, the feed already comes from the remote API.
  await expect(cards(page).first()).toBeVisible();
  expect(await cardIds(page)).toEqual(await apiIds(request, "type=all&sort=hot&limit=20"));
  const src = await cards(page).first().locator("img").first().getAttribute("src");
  expect(src?.startsWith(`${API}/api/media/`)).toBe(true);

  // 收藏 while signed out asks for sign-in.
  await cards(page).first().getByRole("button", { name: /^收藏/ }).click();
  await expect(page.getByRole("heading", { name: "登录" })).toBeVisible();
  await page.getByLabel("邮箱").fill(user.email);
  await page.getByLabel("密码").fill(user.password);
  await page.getByRole("button", { name: "登录", exact: true }).click();

  // Back on the feed, signed in: the favorite asked for while signed out has been applied.
  await expect(nav.getByRole("button", { name: "广场" })).toHaveAttribute("aria-current", "page");
  const first = cards(page).first();
  await expect(first).toBeVisible();
  const assetId = (await first.getAttribute("data-asset-id"))!;
  const heart = first.getByRole("button", { name: /^收藏/ });
  await expect(heart).toHaveAttribute("aria-pressed", "true");
  const token = (
    await (
      await request.post("/api/auth/token", {
        data: { email: user.email, password: user.password },
      })
    ).json()
  ).token as string;
  // The heart flips at once; the server's copy follows its answer.
  await expect
    .poll(async () => {
      const res = await request.get("/api/assets?type=all&sort=hot&limit=20", {
        headers: { authorization: `Bearer ${token}` },
      });
      return ((await res.json()).items as { id: string; favored: boolean }[]).find(
        (a) => a.id === assetId,
      )?.favored;
    })
    .toBe(true);

  // Filters and infinite scroll.
  await page.getByRole("group", { name: "类型" }).getByRole("button", { name: "图片" }).click();
  await expect
    .poll(() => cardIds(page))
    .toEqual(await apiIds(request, "type=image&sort=hot&limit=20"));
  await page.getByRole("group", { name: "排序" }).getByRole("button", { name: "最新" }).click();
  await expect
    .poll(() => cardIds(page))
    .toEqual(await apiIds(request, "type=image&sort=new&limit=20"));
  await cards(page).last().scrollIntoViewIfNeeded();
  await expect.poll(async () => (await cardIds(page)).length).toBeGreaterThan(20);

  // 创作: one streamed chat with the built-in mock model; the balance shows and goes down.
  await nav.getByRole("button", { name: "创作" }).click();
  const balance = page.getByTestId("balance-value").first();
  await expect(balance).toHaveText("100");
  await page.getByLabel("提示词").first().fill("你好，移动端");
  await page.getByRole("button", { name: "发送" }).click();
  await expect(page.getByText(/这是内置模拟模型 mock-chat 的回复/)).toBeVisible();
  await expect(page.getByText(/你说： 你好，移动端/)).toBeVisible();
  await expect.poll(async () => Number(await balance.textContent())).toBeLessThan(100);

  // Every API call went cross-origin to the API with the bearer token, and CORS let it through.
  const authed = apiCalls.filter((r) => !r.url().includes("/api/auth/"));
  expect(authed.length).toBeGreaterThan(3);
  const chat = apiCalls.find(
    (r) => r.url() === `${API}/api/ai/chat/completions` && r.method() === "POST",
  )!;
  expect(chat).toBeTruthy();
  const stored = await page.evaluate(
    () => (JSON.parse(localStorage.getItem("aigc.session") ?? "{}") as { token?: string }).token,
  );
  expect(stored).toBeTruthy();
  expect(await chat.headerValue("authorization")).toBe(`Bearer ${stored}`);
  expect(await chat.headerValue("origin")).toBe(site.origin);
  expect((await chat.response())?.headers()["access-control-allow-origin"]).toBe(site.origin);
  expect(apiCalls.every((r) => !r.headers()["cookie"])).toBe(true);

  // Short of credits, the creator's way out opens the shell's 我的 tab (the app build has no
  // /credits page). The admin leaves the user 3 credits; an image costs 5.
  const admin = await (await request.post("/api/auth/token", { data: ADMIN })).json();
  const mine = await (await request.post("/api/auth/token", { data: user })).json();
  const { credits } = await (
    await request.get("/api/credits/balance", {
      headers: { authorization: `Bearer ${mine.token}` },
    })
  ).json();
  const grant = await request.post("/api/credits/grant", {
    headers: { authorization: `Bearer ${admin.token}` },
    data: { email: user.email, delta: 3 - credits, reason: "e2e: leave 3 credits" },
  });
  expect(grant.ok()).toBe(true);
  await page.reload();
  await nav.getByRole("button", { name: "创作" }).click();
  await page.getByRole("tab", { name: "生成图片" }).click();
  const gen = page.getByRole("tabpanel", { name: "生成图片" });
  await gen.getByLabel("提示词").fill("一只猫");
  const generate = gen.getByRole("button", { name: "生成图片" });
  // Blocked up front once the balance is known, or by the server's 402: the same notice either way.
  if (await generate.isEnabled()) await generate.click();
  await gen.getByRole("link", { name: "查看积分" }).click();
  await expect(nav.getByRole("button", { name: "我的" })).toHaveAttribute("aria-current", "page");

  // A token the server no longer accepts: the next call signs the user out and asks to sign in again.
  await page.evaluate(() => {
    const s = JSON.parse(localStorage.getItem("aigc.session")!);
    localStorage.setItem("aigc.session", JSON.stringify({ ...s, token: "not-a-valid-token" }));
  });
  // The shell checks a stored token before it shows anyone as signed in, so it finds out on
  // start-up, says so where the user is, and never switches tabs later under their fingers.
  await page.reload();
  await expect(page.getByText("登录已过期，请重新登录")).toBeVisible();
  await nav.getByRole("button", { name: "广场" }).click();
  await expect(nav.getByRole("button", { name: "广场" })).toHaveAttribute("aria-current", "page");
  await cards(page).first().getByRole("button", { name: /^收藏/ }).click();
  await expect(nav.getByRole("button", { name: "我的" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByText("登录已过期，请重新登录")).toBeVisible();
});

test("a server that cannot be reached shows 重试", async ({ page }) => {
  // Block the API from the page: the shell must say so and offer a retry, then recover.
  await page.route(`${API}/api/**`, (route) => route.abort("connectionrefused"));
  await page.goto(`${site.origin}/`);
  await expect(page.getByText("网络连接失败，请检查网络后重试")).toBeVisible();
  await page.unroute(`${API}/api/**`);
  await page.getByRole("button", { name: "重试" }).click();
  await expect(cards(page).first()).toBeVisible();
});

test("the web copy at /mobile runs on the server's own origin, over the site header", async ({
  page,
  request,
}) => {
  await page.goto("/mobile");
  await expect(page.getByRole("navigation", { name: "主导航" })).toBeVisible();
  await expect(cards(page).first()).toBeVisible();
  expect(await cardIds(page)).toEqual(await apiIds(request, "type=all&sort=hot&limit=20"));
  // Same origin: media URLs are used as the API gives them.
  expect(await cards(page).first().locator("img").first().getAttribute("src")).toMatch(
    /^\/api\/media\//,
  );
  await expect(page.locator("body > header")).toBeHidden();
});

test("the shell's 创作 makes a video: it shows in my generations with its progress, then plays", async ({
  page,
  request,
}) => {
  await page.setViewportSize({ width: 360, height: 780 });
  const user = await registerUser(request);
  await page.goto(`${site.origin}/`);
  const nav = page.getByRole("navigation", { name: "主导航" });
  await nav.getByRole("button", { name: "创作" }).click();
  await page.getByRole("button", { name: "去登录" }).click();
  await page.getByLabel("邮箱").fill(user.email);
  await page.getByLabel("密码").fill(user.password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await nav.getByRole("button", { name: "创作" }).click();

  await page.getByRole("tab", { name: "视频" }).click();
  const panel = page.getByRole("tabpanel", { name: "视频" });
  const words = `shell 视频 ${Date.now().toString(36)}`;
  await panel.getByLabel("提示词").fill(words);
  await panel.getByRole("button", { name: /生成视频 · \d+ 积分/ }).click();
  const card = page.getByRole("article", { name: new RegExp(words) });
  await expect(card.getByTestId("task-status")).toContainText(/排队中|生成中/);
  await expect(card.getByTestId("task-status")).toContainText("已完成", { timeout: 30_000 });
  const video = card.locator("video");
  expect((await video.getAttribute("src"))?.startsWith(`${API}/api/media/`)).toBe(true);
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 15_000 })
    .toBeGreaterThanOrEqual(1);
  // The shell has no /me/generations page: no link leads out of it.
  await expect(page.getByRole("link", { name: "全部" })).toHaveCount(0);
});
