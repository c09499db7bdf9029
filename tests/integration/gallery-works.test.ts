import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, type App, startApp } from "../helpers/app";
import { sqlQuery } from "../helpers/db";

// Work pages and what people do with a work: its detail, views counted once per visitor per
// day, the author's edits and unpublish, favorites as a list, the sitemap and share previews.

type Work = {
  id: string;
  title: string;
  type: "image" | "video";
  tags: string[];
  likes: number;
  views: number;
  published: boolean;
  ownerId: string | null;
  author: { id: string; name: string } | null;
  modelTag: string;
  modelSlug: string | null;
  params: Record<string, string | number>;
  fullUrl: string;
  favored?: boolean;
};

let app: App;
let author: Awaited<ReturnType<App["register"]>>;
let other: Awaited<ReturnType<App["register"]>>;
let own: Work;

beforeAll(async () => {
  app = await startApp();
  [author, other] = await Promise.all([app.register(), app.register()]);
  // A real published work of `author`: generated with the built-in mock model, persist:true.
  const gen = await api(app, author.token)("/api/ai/images/generations", {
    body: {
      model: "mock-image",
      prompt: "作品页测试：海边的灯塔",
      size: "1024x1792",
      quality: "hd",
      persist: true,
      title: "灯塔",
      tags: ["海", "夜"],
    },
  });
  expect(gen.status).toBe(200);
  own = (await api(app)(`/api/assets/${gen.body.data[0].assetId}`)).body.item;
});
afterAll(() => app?.stop());

/** A page for a work that does not exist (or is hidden): the not-found page, with status 404. */
async function expectNotFoundPage(path: string) {
  const res = await fetch(`${app.url}${path}`);
  expect(res.status).toBe(404);
  expect(await res.text()).toContain("页面不存在");
}

const visible = async (query: string, id: string, token?: string) => {
  const res = await api(app, token)(`/api/assets?${query}&limit=50`);
  return (res.body.items as Work[]).some((w) => w.id === id);
};

describe("GET /api/assets/{id}", () => {
  it("shows how a work was made and who made it", async () => {
    expect(own).toMatchObject({
      title: "灯塔",
      type: "image",
      tags: ["海", "夜"],
      published: true,
      ownerId: author.id,
      author: { id: author.id, name: expect.stringMatching(/\S/) },
      modelTag: "Mock Image",
      modelSlug: "mock-image",
      params: { size: "1024x1792" },
    });
    const seed = (await api(app)("/api/assets/seed-img-00")).body.item as Work;
    expect(seed.author?.name).toBeTruthy();
    expect(seed.modelSlug).toBeTruthy();
    expect(seed.params.size).toMatch(/^\d+x\d+$/);
    expect(seed.fullUrl).toMatch(/^\/api\/media\/seed\/.+\.webp$/);
    expect((await fetch(app.url + seed.fullUrl)).status).toBe(200);
  });

  it("answers 404 in the error shape for an unknown id", async () => {
    const res = await api(app)("/api/assets/nope");
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: "not_found", requestId: expect.any(String) });
  });
});

describe("views", () => {
  const view = (id: string, headers: Record<string, string> = {}, token?: string) =>
    fetch(`${app.url}/api/assets/${id}/view`, {
      method: "POST",
      headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });

  it("counts a visitor once per day, however often the page renders", async () => {
    const id = "seed-img-05";
    const start = (await api(app)(`/api/assets/${id}`)).body.item.views as number;
    const first = await view(id, { "user-agent": "browser-a" });
    expect(await first.json()).toEqual({ views: start + 1, counted: true });
    const cookie = /aigc_vid=([^;]+)/.exec(first.headers.get("set-cookie") ?? "")?.[1];
    expect(cookie).toBeTruthy();
    // The same browser sending its cookie back, and a cookie-less repeat: not counted again.
    expect(await (await view(id, { cookie: `aigc_vid=${cookie}` })).json()).toEqual({
      views: start + 1,
      counted: false,
    });
    expect((await (await view(id, { "user-agent": "browser-a" })).json()).counted).toBe(false);
    // Another visitor counts; a signed-in user counts once whatever browser they use.
    expect(
      (await (await view(id, { cookie: "aigc_vid=another-visitor-0001" })).json()).counted,
    ).toBe(true);
    expect((await (await view(id, {}, other.token)).json()).counted).toBe(true);
    expect((await (await view(id, { "user-agent": "x" }, other.token)).json()).counted).toBe(false);
    expect((await api(app)(`/api/assets/${id}`)).body.item.views).toBe(start + 3);
    const rows = await sqlQuery(
      app.databaseUrl,
      `select count(*) as n from asset_views where "assetId" = ?`,
      [id],
    );
    expect(Number(rows[0].n)).toBe(3);
  });

  it("404s for an unknown work and leaves nothing behind", async () => {
    const res = await view("nope");
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe("not_found");
    const rows = await sqlQuery(
      app.databaseUrl,
      `select count(*) as n from asset_views where "assetId" = 'nope'`,
    );
    expect(Number(rows[0].n)).toBe(0);
  });
});

describe("PATCH /api/assets/{id}: the author edits and unpublishes", () => {
  const patch = (token: string | undefined, body: unknown, id = own.id) =>
    api(app, token)(`/api/assets/${id}`, { method: "PATCH", body });

  it.each([
    ["no session", undefined, { title: "x" }, 401, "unauthorized"],
    ["someone else", "other", { title: "x" }, 403, "forbidden"],
    ["empty title", "author", { title: "  " }, 400, "invalid_request"],
    [
      "too many tags",
      "author",
      { tags: Array.from({ length: 11 }, (_, i) => `t${i}`) },
      400,
      "invalid_request",
    ],
    ["nothing to change", "author", {}, 400, "invalid_request"],
    ["a non-boolean publish switch", "author", { published: "no" }, 400, "invalid_request"],
  ] as const)("%s → %i", async (_name, who, body, status, code) => {
    const token = who === "author" ? author.token : who === "other" ? other.token : undefined;
    const res = await patch(token, body);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    const after = (await api(app)(`/api/assets/${own.id}`)).body.item as Work;
    expect({ title: after.title, tags: after.tags }).toEqual({ title: "灯塔", tags: ["海", "夜"] });
  });

  it("an unknown work is a 404", async () => {
    expect((await patch(author.token, { title: "x" }, "nope")).status).toBe(404);
  });

  it("retitles and retags; tag filters follow", async () => {
    const res = await patch(author.token, {
      title: "  守夜的灯塔 ",
      tags: ["#灯塔", "海", "灯塔", " 夜景 "],
    });
    expect(res.status).toBe(200);
    expect(res.body.item).toMatchObject({ title: "守夜的灯塔", tags: ["灯塔", "海", "夜景"] });
    expect(await visible("sort=new&tag=灯塔", own.id)).toBe(true);
    expect(await visible("sort=new&tag=夜", own.id)).toBe(false);
  });

  it("unpublished, the work leaves every public list and page but stays the author's", async () => {
    await api(app, other.token)("/api/favorites/toggle", {
      body: { assetId: own.id, favored: true },
    });
    const off = await patch(author.token, { published: false });
    expect(off.status).toBe(200);
    expect(off.body.item.published).toBe(false);

    expect(await visible("sort=new", own.id)).toBe(false);
    expect(await visible("sort=hot&tag=灯塔", own.id)).toBe(false);
    expect((await api(app)(`/api/assets/${own.id}`)).status).toBe(404);
    expect((await api(app, other.token)(`/api/assets/${own.id}`)).status).toBe(404);
    // Someone else cannot even learn that it exists: 404, not 403.
    expect((await patch(other.token, { title: "x" })).status).toBe(404);
    expect(
      (await api(app, other.token)("/api/favorites/toggle", { body: { assetId: own.id } })).status,
    ).toBe(404);
    const favs = (await api(app, other.token)("/api/favorites?limit=50")).body.items as Work[];
    expect(favs.some((w) => w.id === own.id)).toBe(false);
    await expectNotFoundPage(`/works/${own.id}`);
    expect(await (await fetch(`${app.url}/sitemap.xml`)).text()).not.toContain(own.id);

    const mine = await api(app, author.token)("/api/me/works");
    expect(mine.status).toBe(200);
    expect(mine.body.items[0]).toMatchObject({ id: own.id, published: false });
    expect((await api(app, author.token)(`/api/assets/${own.id}`)).status).toBe(200);

    const on = await patch(author.token, { published: true });
    expect(on.body.item.published).toBe(true);
    expect(await visible("sort=new", own.id)).toBe(true);
  });
});

describe("favorites", () => {
  it("sets idempotently with `favored`, toggles without it, counts each like once", async () => {
    const call = api(app, other.token);
    const id = "seed-img-07";
    const likes = async () => (await api(app)(`/api/assets/${id}`)).body.item.likes as number;
    const start = await likes();
    for (let i = 0; i < 2; i++)
      expect(
        (await call("/api/favorites/toggle", { body: { assetId: id, favored: true } })).body,
      ).toEqual({ ok: true, favored: true });
    expect(await likes()).toBe(start + 1);
    expect((await call("/api/favorites/toggle", { body: { assetId: id } })).body.favored).toBe(
      false,
    );
    expect(
      (await call("/api/favorites/toggle", { body: { assetId: id, favored: false } })).body.favored,
    ).toBe(false);
    expect(await likes()).toBe(start);
    expect(
      (await call("/api/favorites/toggle", { body: { assetId: id, favored: "yes" } })).status,
    ).toBe(400);
  });

  it("GET /api/favorites lists the latest favorite first, paged", async () => {
    const user = await app.register();
    const call = api(app, user.token);
    const ids = ["seed-img-01", "seed-vid-02", "seed-img-03"];
    for (const id of ids) await call("/api/favorites/toggle", { body: { assetId: id } });
    const first = await call("/api/favorites?limit=2");
    expect(first.status).toBe(200);
    expect(first.body.items.map((w: Work) => w.id)).toEqual(["seed-img-03", "seed-vid-02"]);
    expect(first.body.items.every((w: Work) => w.favored === true)).toBe(true);
    const second = await call(`/api/favorites?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ nextCursor: null });
    expect(second.body.items.map((w: Work) => w.id)).toEqual(["seed-img-01"]);

    expect((await api(app)("/api/favorites")).status).toBe(401);
    for (const q of ["limit=0", "limit=51", "cursor=garbage"]) {
      const res = await call(`/api/favorites?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe("invalid_request");
    }
    // A cursor of another list is refused rather than misread.
    const hot = (await api(app)("/api/assets?limit=1")).body.nextCursor;
    expect((await call(`/api/favorites?cursor=${hot}`)).status).toBe(400);
    expect((await api(app)("/api/me/works")).status).toBe(401);
  });
});

describe("pages a link leads to", () => {
  it("/works/{id} is server-rendered with its prompt and a share preview", async () => {
    const seed = (await api(app)("/api/assets/seed-img-02")).body.item;
    const res = await fetch(`${app.url}/works/seed-img-02`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(seed.title);
    expect(html).toContain(seed.prompt);
    expect(html).toContain(seed.author.name);
    const og = /<meta property="og:image" content="([^"]+)"/.exec(html)?.[1];
    expect(og).toBe(`${app.url}${seed.fullUrl}`);
    expect(html).toMatch(/<meta name="twitter:card" content="summary_large_image"/);
    await expectNotFoundPage("/works/does-not-exist");
  });

  it("a video's page has a poster preview, a seekable player and captions", async () => {
    const video = (await api(app)("/api/assets?type=video&limit=1")).body.items[0];
    const html = await (await fetch(`${app.url}/works/${video.id}`)).text();
    expect(html).toMatch(/<video[^>]+controls/);
    expect(html).toContain(`<meta property="og:image" content="${app.url}${video.coverUrl}"`);
    const vtt = await fetch(`${app.url}/api/assets/${video.id}/captions`);
    expect(vtt.headers.get("content-type")).toContain("text/vtt");
    expect(await vtt.text()).toMatch(/^WEBVTT\n\n1\n00:00:00\.000 --> 00:00:0\d\.000\n/);
    expect((await fetch(`${app.url}/api/assets/seed-img-00/captions`)).status).toBe(404);
  });

  it("the sitemap lists the published works", async () => {
    const res = await fetch(`${app.url}/sitemap.xml`);
    expect(res.status).toBe(200);
    const xml = await res.text();
    const all = (await api(app)("/api/assets?sort=new&limit=50")).body.items as Work[];
    for (const w of all.slice(0, 10)) expect(xml).toContain(`${app.url}/works/${w.id}</loc>`);
    expect(await (await fetch(`${app.url}/robots.txt`)).text()).toContain(
      `Sitemap: ${app.url}/sitemap.xml`,
    );
  });
});
