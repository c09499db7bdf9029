import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, type App, startApp } from "../helpers/app";
import { sqlQuery } from "../helpers/db";

type AssetJson = {
  id: string;
  type: string;
  hotScore: number;
  createdAt: string;
  favored?: boolean;
  tags: string[];
  modelTag: string;
};

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app?.stop());

async function allPages(query: string, limit: number) {
  const seen: AssetJson[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const res = await api(app)(
      `/api/assets?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`,
    );
    expect(res.status).toBe(200);
    seen.push(...res.body.items);
    cursor = res.body.nextCursor;
    if (!cursor) break;
  }
  return seen;
}

describe("GET /api/assets", () => {
  it("serves the seed gallery (≥ 48 items, images and videos)", async () => {
    const items = await allPages("type=all&sort=new", 50);
    expect(items.length).toBeGreaterThanOrEqual(48);
    expect(new Set(items.map((i) => i.type))).toEqual(new Set(["image", "video"]));
  });

  for (const type of ["all", "image", "video"] as const) {
    for (const sort of ["hot", "new"] as const) {
      it(`type=${type} sort=${sort}: ordered, filtered, no duplicates across pages`, async () => {
        const items = await allPages(`type=${type}&sort=${sort}`, 7);
        expect(items.length).toBeGreaterThan(0);
        expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
        if (type !== "all") expect(items.every((i) => i.type === type)).toBe(true);
        const key = sort === "hot" ? "hotScore" : "createdAt";
        for (let i = 1; i < items.length; i++) {
          expect(items[i - 1][key] >= items[i][key]).toBe(true);
        }
        const whole = await allPages(`type=${type}&sort=${sort}`, 50);
        expect(items.map((i) => i.id)).toEqual(whole.map((i) => i.id));
      });
    }
  }

  it("filters by tag and by model", async () => {
    const all = await allPages("type=all&sort=hot", 50);
    const tag = all[0].tags[0];
    const byTag = await allPages(`type=all&sort=hot&tag=${encodeURIComponent(tag)}`, 5);
    expect(byTag.length).toBe(all.filter((a) => a.tags.includes(tag)).length);
    const model = all[0].modelTag;
    const byModel = await allPages(`type=all&sort=new&model=${encodeURIComponent(model)}`, 5);
    expect(byModel.length).toBe(all.filter((a) => a.modelTag === model).length);
  });

  it("rejects bad limits and cursors with the error shape", async () => {
    for (const q of ["limit=0", "limit=51", "type=gif", "sort=old", "cursor=garbage"]) {
      const res = await api(app)(`/api/assets?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe("invalid_request");
      expect(res.body.error.requestId).toBe(res.headers.get("x-request-id"));
    }
    const hotCursor = (await api(app)("/api/assets?sort=hot&limit=1")).body.nextCursor;
    expect((await api(app)(`/api/assets?sort=new&cursor=${hotCursor}`)).status).toBe(400);
  });
});

describe("paging under concurrent inserts", () => {
  for (const sort of ["hot", "new"] as const) {
    it(`sort=${sort}: no duplicates and nothing skipped while new items arrive`, async () => {
      const isLate = (id: string) => id.startsWith("late-");
      const before = (await allPages(`type=all&sort=${sort}`, 50))
        .map((a) => a.id)
        .filter((id) => !isLate(id));
      const seen: string[] = [];
      let cursor: string | null = null;
      let batch = 0;
      do {
        const res = await api(app)(
          `/api/assets?sort=${sort}&limit=6${cursor ? `&cursor=${cursor}` : ""}`,
        );
        seen.push(...res.body.items.map((a: AssetJson) => a.id));
        cursor = res.body.nextCursor;
        // Newer and hotter items than anything seen so far land between page requests.
        const now = new Date(Date.now() + 1000 * ++batch).toISOString();
        await Promise.all(
          [0, 1, 2].map((k) =>
            sqlQuery(
              app.databaseUrl,
              `insert into assets ("id","title","type","coverUrl","width","height","aspectRatio","modelTag","tags","views","likes","hotScore","createdAt")
               values (?, '新作品', 'image', '/api/media/x.webp', 1, 1, 1, 'm', '[]', 0, 0, ?, ?)`,
              [`late-${sort}-${batch}-${k}`, 1e6 + batch, now],
            ),
          ),
        );
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.filter((id) => !isLate(id))).toEqual(before);
    });
  }
});

describe("favorites", () => {
  it("toggles, shows favored per item, counts likes; 401 signed out, 404 unknown", async () => {
    const user = await app.register();
    const call = api(app, user.token);
    const first = (await call("/api/assets?sort=new&limit=1")).body.items[0] as AssetJson & {
      likes: number;
    };
    expect(first.favored).toBe(false);
    const on = await call("/api/favorites/toggle", { body: { assetId: first.id } });
    expect(on.body).toEqual({ ok: true, favored: true });
    const after = (await call("/api/assets?sort=new&limit=1")).body.items[0];
    expect(after.favored).toBe(true);
    expect(after.likes).toBe(first.likes + 1);
    const off = await call("/api/favorites/toggle", { body: { assetId: first.id } });
    expect(off.body.favored).toBe(false);
    expect((await call("/api/assets?sort=new&limit=1")).body.items[0].likes).toBe(first.likes);

    expect((await api(app)("/api/favorites/toggle", { body: { assetId: first.id } })).status).toBe(
      401,
    );
    const missing = await call("/api/favorites/toggle", { body: { assetId: "nope" } });
    expect(missing.status).toBe(404);
    expect((await call("/api/favorites/toggle", { body: {} })).status).toBe(400);
  });
});

describe("GET /api/media", () => {
  it("serves media with ETag, long cache, Range 206 and 416", async () => {
    const video = (await api(app)("/api/assets?type=video&limit=1")).body.items[0];
    const full = await fetch(app.url + video.videoUrl);
    expect(full.status).toBe(200);
    expect(full.headers.get("content-type")).toBe("video/mp4");
    expect(full.headers.get("cache-control")).toContain("max-age=31536000");
    const size = (await full.arrayBuffer()).byteLength;
    const etag = full.headers.get("etag")!;
    expect(etag).toBeTruthy();

    const part = await fetch(app.url + video.videoUrl, { headers: { range: "bytes=10-19" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 10-19/${size}`);
    expect((await part.arrayBuffer()).byteLength).toBe(10);

    const bad = await fetch(app.url + video.videoUrl, { headers: { range: `bytes=${size + 5}-` } });
    expect(bad.status).toBe(416);
    expect(bad.headers.get("content-range")).toBe(`bytes */${size}`);

    const cached = await fetch(app.url + video.videoUrl, { headers: { "if-none-match": etag } });
    expect(cached.status).toBe(304);
    expect((await fetch(`${app.url}/api/media/seed/../../secrets.json`)).status).toBe(404);
    expect((await fetch(`${app.url}/api/media/nope.png`)).status).toBe(404);
  });
});
