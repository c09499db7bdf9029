import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, type App, startApp } from "../helpers/app";
import { webSession } from "../helpers/web-session";

// The production server keeps the public feed pages as an anonymous visitor gets them for a few
// seconds (scripts/page-cache.mjs). What a visitor must never see: someone else's signed-in page,
// or a page older than a write this instance has made.

let app: App;
let author: Awaited<ReturnType<App["register"]>>;
let admin: string;

beforeAll(async () => {
  app = await startApp();
  [author, admin] = await Promise.all([app.register(), app.adminToken()]);
});
afterAll(() => app?.stop());

async function page(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(app.url + path, { headers });
  return { status: res.status, cache: res.headers.get("x-page-cache"), html: await res.text() };
}

/** Fetches `path` until it is answered from the cache, so the next check starts from a kept page. */
async function kept(path: string) {
  await page(path);
  const again = await page(path);
  expect(again.cache, `${path} is kept`).toBe("hit");
  return again;
}

async function publish(title: string): Promise<string> {
  const gen = await api(app, author.token)("/api/ai/images/generations", {
    body: {
      model: "mock-image",
      prompt: `缓存测试：${title}`,
      persist: true,
      title,
      tags: ["缓存"],
    },
  });
  expect(gen.status, JSON.stringify(gen.body)).toBe(200);
  return gen.body.data[0].assetId;
}

describe("public page cache", () => {
  it("answers anonymous views of / and /explore again, each filter on its own", async () => {
    for (const path of ["/", "/?sort=new", "/explore", "/explore?tag=缓存&type=image"]) {
      const first = await page(path);
      expect(first.status).toBe(200);
      const again = await kept(path);
      expect(again.html).toContain("AIGC Studio");
      expect(again.html).toContain("</html>");
    }
  });

  it("a work published, retitled or unpublished shows on the next view", async () => {
    await kept("/?sort=new");
    await kept("/explore?sort=new");
    const id = await publish("缓存灯塔");
    for (const path of ["/?sort=new", "/explore?sort=new"]) {
      const after = await page(path);
      expect(after.cache).toBeNull();
      expect(after.html).toContain("缓存灯塔");
    }

    await kept("/?sort=new");
    const retitled = await api(app, author.token)(`/api/assets/${id}`, {
      method: "PATCH",
      body: { title: "改名的灯塔" },
    });
    expect(retitled.status).toBe(200);
    expect((await page("/?sort=new")).html).toContain("改名的灯塔");

    await kept("/?sort=new");
    await api(app, author.token)(`/api/assets/${id}`, {
      method: "PATCH",
      body: { published: false },
    });
    expect((await page("/?sort=new")).html).not.toContain("改名的灯塔");
  });

  it("a signed-in visitor gets their own page, and it is never kept for anyone else", async () => {
    const user = await app.register();
    const cookie = await webSession(app.url, user.email, user.password);
    expect(cookie).toBeTruthy();
    await kept("/");
    for (let i = 0; i < 2; i++) {
      const mine = await page("/", { cookie: cookie! });
      expect(mine.cache).toBeNull();
      expect(mine.html).toContain("退出");
      expect(mine.html).toContain(user.email);
    }
    const anonymous = await page("/");
    expect(anonymous.cache).toBe("hit");
    expect(anonymous.html).not.toContain("退出");
    expect(anonymous.html).not.toContain(user.email);
  });

  it("the operator's announcement shows at once", async () => {
    await kept("/explore");
    const set = (announcement: string) =>
      api(app, admin)("/api/admin/settings", { method: "PATCH", body: { announcement } });
    expect((await set("缓存公告：今晚维护")).status).toBe(200);
    expect((await page("/explore")).html).toContain("缓存公告：今晚维护");
    await kept("/explore");
    await set("");
    expect((await page("/explore")).html).not.toContain("缓存公告");
  });

  it("views arriving together while a page renders share that render", async () => {
    // A like changes the public pages: nothing is kept after it.
    const id = await publish("一起到达");
    await api(app, author.token)("/api/favorites/toggle", { body: { assetId: id, favored: true } });
    const all = await Promise.all(Array.from({ length: 8 }, () => page("/explore?sort=new")));
    expect(all.every((r) => r.status === 200)).toBe(true);
    expect(all.filter((r) => r.cache === null)).toHaveLength(1);
    expect(all.every((r) => r.html.includes("一起到达"))).toBe(true);
  });
});
