import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, type App, startApp } from "../helpers/app";
import { grantCredits } from "../helpers/images";
import { startS3Mock, type S3Mock } from "../mocks/s3-server";

// With S3_BUCKET set, generated images go to the S3-compatible store and /api/media streams
// them from there (Range included): what several app instances sharing media rely on.

let app: App;
let s3: S3Mock;
beforeAll(async () => {
  s3 = await startS3Mock({ bucket: "aigc-media", accessKeyId: "AKIDAPP" });
  app = await startApp({
    SEED_DEMO: "0",
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: "aigc-media",
    S3_ACCESS_KEY_ID: "AKIDAPP",
    S3_SECRET_ACCESS_KEY: "s3-secret-for-tests",
    S3_FORCE_PATH_STYLE: "true",
  });
});
afterAll(async () => {
  await app?.stop();
  await s3?.close();
});

describe("S3 storage driver in the app", () => {
  it("stores generated images in the bucket and serves them through /api/media with Range", async () => {
    const user = await app.register();
    await grantCredits(app, user.id, 50);
    const client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: user.token, maxRetries: 0 });
    const res = await client.images.generate({
      model: "mock-image",
      prompt: "stored in s3",
      size: "1024x1024",
    });
    const url = res.data?.[0].url ?? "";
    const key = url.split("/api/media/")[1];
    expect(key).toMatch(/^gen\//);
    const object = s3.objects.get(key);
    expect(object?.contentType).toBe("image/png");

    const whole = await fetch(url);
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(object!.body)).toBe(true);
    const part = await fetch(url, { headers: { range: "bytes=10-29" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 10-29/${object!.body.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(object!.body.subarray(10, 30))).toBe(true);
    expect(s3.requests).toContain(`GET ${key} bytes=10-29`);
    expect((await fetch(`${app.url}/api/media/gen/missing.png`)).status).toBe(404);
  });

  it("a persisted image's gallery cover is served from the bucket", async () => {
    const user = await app.register();
    await grantCredits(app, user.id, 50);
    const gen = await api(app, user.token)("/api/ai/images/generations", {
      body: { model: "mock-image", prompt: "gallery from s3", persist: true },
    });
    expect(gen.status, JSON.stringify(gen.body)).toBe(200);
    const asset = (await api(app)("/api/assets?sort=new&limit=5")).body.items.find(
      (a: { id: string }) => a.id === gen.body.data[0].assetId,
    );
    const cover = await fetch(`${app.url}${asset.coverUrl}`);
    expect(cover.status).toBe(200);
    expect(cover.headers.get("content-type")).toBe("image/png");
  });
});
