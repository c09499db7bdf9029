import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, type App, startApp } from "../helpers/app";
import { webSession } from "../helpers/web-session";

// The production server keeps the public feed pages for a few seconds (scripts/page-cache.mjs).
// They are the same for every visitor: nothing of a signed-in visitor is in their HTML (the
// account area and the hearts come from GET /api/me). What a visitor must never see: anything
// of someone else's, or a page older than a write this instance has made.

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

  it("a signed-in visitor gets the same page, with nothing of theirs in it", async () => {
    const user = await app.register();
    const cookie = await webSession(app.url, user.email, user.password);
    expect(cookie).toBeTruthy();
    const liked = await publish("签到后的心");
    const fav = await api(app, user.token)("/api/favorites/toggle", {
      body: { assetId: liked, favored: true },
    });
    expect(fav.status).toBe(200);

    // Rendered for the signed-in visitor (the like dropped every kept page), then kept for all.
    const mine = await page("/?sort=new", { cookie: cookie! });
    expect(mine.cache).toBeNull();
    expect(mine.html).toContain("签到后的心");
    const anonymous = await page("/?sort=new");
    expect(anonymous.cache).toBe("hit");
    expect(anonymous.html).toBe(mine.html);
    for (const secret of [user.email, cookie!.split("=").pop()!, "退出", 'aria-pressed="true"'])
      expect(mine.html).not.toContain(secret);
    expect((await page("/?sort=new", { cookie: cookie! })).cache).toBe("hit");

    // Who is looking, and which of the shown works they like, come from /api/me.
    const other = await publish("没点心的");
    const ids = `${liked},${other},no-such-work`;
    const me = await fetch(`${app.url}/api/me?favored=${encodeURIComponent(ids)}`, {
      headers: { cookie: cookie! },
    });
    expect(me.status).toBe(200);
    expect(me.headers.get("cache-control")).toContain("no-store");
    const body = (await me.json()) as { user: { email: string } | null; favored: string[] };
    expect(body.user?.email).toBe(user.email);
    expect(body.favored).toEqual([liked]);
    const nobody = await fetch(`${app.url}/api/me?favored=${liked}`);
    expect(await nobody.json()).toEqual({ user: null, favored: [] });
  });

  it("/api/me refuses a malformed favorites question with the JSON error shape", async () => {
    const tooMany = Array.from({ length: 61 }, (_, i) => `w${i}`).join(",");
    for (const q of [tooMany, "a".repeat(101)]) {
      const res = await fetch(`${app.url}/api/me?favored=${q}`);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("invalid_request");
    }
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
