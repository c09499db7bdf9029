import OpenAI, { toFile } from "openai";
import type {
  ImageEditParamsNonStreaming,
  ImageGenerateParamsNonStreaming,
} from "openai/resources/images";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { api, type App, startApp } from "../helpers/app";
import {
  balanceOf,
  createImageModel,
  grantCredits,
  pendingHolds,
  sdk,
  tempEntries,
} from "../helpers/images";
import { makeImage } from "../helpers/multipart";
import { type MockUpstream, type MultipartBody, startMockUpstream } from "../mocks/openai-server";

// The image endpoints as a user of the official SDK sees them: what comes back, what it costs,
// where the pictures live, and the gallery entries `persist` creates.

let app: App;
let upstream: MockUpstream;
let model: string;
beforeAll(async () => {
  upstream = await startMockUpstream({ apiKey: "sk-upstream-test-key" });
  app = await startApp({
    SEED_DEMO: "0",
    SIGNUP_CREDITS: "0",
    RATE_LIMIT_USER_PER_MIN: "10000",
    RATE_LIMIT_IP_PER_MIN: "10000",
  });
  model = (await createImageModel(app, upstream.url)).slug;
});
afterAll(async () => {
  await app?.stop();
  await upstream?.stop();
});
beforeEach(() => upstream.reset());

async function funded(credits: number) {
  const user = await app.register();
  await grantCredits(app, user.id, credits);
  return { ...user, client: sdk(app, user.token) };
}

const decode = (b64: string) => sharp(Buffer.from(b64, "base64")).metadata();
const lastUpstream = () => upstream.requests[upstream.requests.length - 1];

describe("images.generate", () => {
  it("b64_json: n images at n × size × quality, clean upstream request", async () => {
    const u = await funded(100);
    const res = await u.client.images.generate({
      model,
      prompt: "a lighthouse in a storm",
      n: 2,
      size: "1792x1024",
      quality: "hd",
      response_format: "b64_json",
      requestId: "gen-b64-1",
      persist: false,
    } as unknown as ImageGenerateParamsNonStreaming);
    expect(res.data).toHaveLength(2);
    for (const item of res.data ?? []) {
      const meta = await decode(item.b64_json!);
      expect(meta.format).toBe("png");
      expect(item.url).toBeUndefined();
    }
    // 1 fixed + 2 images × 3 × size 2 × quality 1.5
    expect(await balanceOf(app, u.token)).toBe(100 - 19);
    const sent = lastUpstream();
    expect(sent.path).toBe("/v1/images/generations");
    expect(sent.body).toEqual({
      model: "dall-e-3",
      prompt: "a lighthouse in a storm",
      n: 2,
      size: "1792x1024",
      quality: "hd",
      response_format: "b64_json",
    });
    expect(sent.headers.authorization).toBe("Bearer sk-upstream-test-key");
  });

  it("url: our own absolute media URL, readable without auth, with Range", async () => {
    const u = await funded(100);
    const res = await u.client.images.generate({
      model,
      prompt: "a quiet harbour",
      response_format: "url",
    });
    const url = res.data?.[0].url ?? "";
    expect(url.startsWith(`${app.url}/api/media/gen/`)).toBe(true);
    expect(url).not.toContain(upstream.origin);
    const whole = await fetch(url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-type")).toBe("image/png");
    const bytes = Buffer.from(await whole.arrayBuffer());
    expect((await sharp(bytes).metadata()).width).toBeGreaterThan(0);
    const part = await fetch(url, { headers: { range: "bytes=0-7" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 0-7/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(0, 8))).toBe(true);
    expect(await balanceOf(app, u.token)).toBe(100 - 4);
  });

  it("a provider that answers with its own URLs: fetched and re-served by us", async () => {
    const u = await funded(100);
    const res = await u.client.images.generate({
      model,
      prompt: "provider url",
      response_format: "url",
      n: 2,
    });
    const [gen, ...downloads] = upstream.requests;
    expect(gen.body).toMatchObject({ response_format: "url" });
    // Both provider URLs were fetched by the server (without our client's credentials).
    expect(downloads).toHaveLength(2);
    for (const d of downloads) {
      expect(d.path).toMatch(/^\/files\/img\d+\.png$/);
      expect(d.headers.authorization).toBeUndefined();
    }
    for (const item of res.data ?? []) {
      expect(item.url?.startsWith(`${app.url}/api/media/`)).toBe(true);
      expect((await fetch(item.url!)).status).toBe(200);
    }
  });

  it("camelCase on /api/ai: responseFormat b64_json works the same", async () => {
    const u = await funded(100);
    const res = await api(app, u.token)("/api/ai/images/generations", {
      body: { model, prompt: "camel", responseFormat: "b64_json" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data[0].b64_json).toBeTruthy();
    expect(lastUpstream().body).toEqual({
      model: "dall-e-3",
      prompt: "camel",
      response_format: "b64_json",
    });
  });

  it("fewer images than n: charged for those returned", async () => {
    const u = await funded(100);
    const one = await makeImage(16, 16);
    upstream.enqueue({
      path: "/images/generations",
      status: 200,
      body: { created: 1, data: [{ b64_json: one.toString("base64") }] },
    });
    const res = await u.client.images.generate({
      model,
      prompt: "three please",
      n: 3,
      size: "1024x1024",
      quality: "standard",
      response_format: "b64_json",
    });
    expect(res.data).toHaveLength(1);
    expect(await balanceOf(app, u.token)).toBe(100 - (1 + 3));
    expect(await pendingHolds(app, u.token)).toBe(0);
  });

  it("upstream 500 → 502 with the provider's slug, full refund, nothing stored", async () => {
    const u = await funded(100);
    for (let i = 0; i < 3; i++)
      upstream.enqueue({
        path: "/images/generations",
        status: 500,
        body: { error: { message: "boom" } },
      });
    const err = await u.client.images
      .generate({ model, prompt: "fail", n: 2 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
    expect((err as InstanceType<typeof OpenAI.APIError>).code).toBe("upstream_error");
    expect(
      ((err as InstanceType<typeof OpenAI.APIError>).error as { provider: string }).provider,
    ).toBe(`${model}-up`);
    expect(upstream.requests.length).toBe(3); // the first try and two retries
    expect(await balanceOf(app, u.token)).toBe(100);
    expect(await pendingHolds(app, u.token)).toBe(0);
  });

  it("an upstream answer that is not an image → 502 and refund", async () => {
    const u = await funded(100);
    upstream.enqueue({
      path: "/images/generations",
      status: 200,
      body: { created: 1, data: [{ b64_json: Buffer.from("not an image").toString("base64") }] },
    });
    const res = await api(app, u.token)("/v1/images/generations", {
      body: { model, prompt: "junk" },
    });
    expect(res.status).toBe(502);
    expect(await balanceOf(app, u.token)).toBe(100);
  });

  it("validation: 400 with the param, 404 for an unknown model, 401 without a token — never charged", async () => {
    const u = await funded(100);
    const call = api(app, u.token);
    const cases: [Record<string, unknown>, number, string | null][] = [
      [{ model, prompt: "" }, 400, "prompt"],
      [{ model, prompt: "x", n: 11 }, 400, "n"],
      [{ model, prompt: "x", n: 0 }, 400, "n"],
      [{ model, prompt: "x", size: "huge" }, 400, "size"],
      [{ model, prompt: "x", response_format: "gif" }, 400, "response_format"],
      [{ prompt: "x" }, 400, "model"],
      [{ model: "no-such-model", prompt: "x" }, 404, "model"],
    ];
    for (const [body, status, param] of cases) {
      const res = await call("/v1/images/generations", { body });
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error.param).toBe(param);
    }
    expect(
      (await api(app)("/v1/images/generations", { body: { model, prompt: "x" } })).status,
    ).toBe(401);
    expect(upstream.requests).toHaveLength(0);
    expect(await balanceOf(app, u.token)).toBe(100);
  });

  it("a completed requestId replays its stored answer: same body, no charge, no upstream call", async () => {
    const u = await funded(100);
    const body = {
      model,
      prompt: "once",
      requestId: "same-id-1",
      n: 2,
      response_format: "b64_json",
    };
    const first = await api(app, u.token)("/v1/images/generations", { body });
    expect(first.status).toBe(200);
    const calls = upstream.requests.length;
    const again = await api(app, u.token)("/v1/images/generations", { body });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(upstream.requests.length).toBe(calls);
    expect(await balanceOf(app, u.token)).toBe(100 - 7);
    // url answers replay the same stored files.
    const urlBody = { model, prompt: "twice", requestId: "same-id-2" };
    const a = await api(app, u.token)("/v1/images/generations", { body: urlBody });
    const b = await api(app, u.token)("/v1/images/generations", { body: urlBody });
    expect(b.body).toEqual(a.body);
    expect(await balanceOf(app, u.token)).toBe(100 - 11);
  });

  it("a pending requestId is 409; a failed one may run again; both are in the task history", async () => {
    const u = await funded(100);
    upstream.enqueue({ path: "/images/generations", delayMs: 800 });
    const body = { model, prompt: "slow", requestId: "pending-id" };
    const slow = api(app, u.token)("/v1/images/generations", { body });
    await new Promise((r) => setTimeout(r, 300));
    const dup = await api(app, u.token)("/v1/images/generations", { body });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe("duplicate_request");
    expect((await slow).status).toBe(200);

    upstream.enqueue({
      path: "/images/generations",
      status: 400,
      body: { error: { message: "bad prompt" } },
    });
    const failBody = { model, prompt: "retry me", requestId: "retry-id" };
    expect((await api(app, u.token)("/v1/images/generations", { body: failBody })).status).toBe(
      502,
    );
    expect((await api(app, u.token)("/v1/images/generations", { body: failBody })).status).toBe(
      200,
    );
    expect(await balanceOf(app, u.token)).toBe(100 - 8);

    const history = await api(app, u.token)("/api/tasks?kind=image.generate");
    const items = history.body.items as {
      status: string;
      input: { prompt: string };
      outputs: { url: string }[];
    }[];
    expect(items.map((t) => [t.input.prompt, t.status])).toEqual([
      ["retry me", "completed"],
      ["retry me", "failed"],
      ["slow", "completed"],
    ]);
    expect(items[0].outputs[0].url).toMatch(/\/api\/media\/gen\//);
  });
});

describe("persist", () => {
  it("creates public assets owned by the caller, with prompt, model tag and real aspect ratio", async () => {
    const u = await funded(100);
    const prompt = "雪山湖泊的清晨，薄雾。cinematic";
    const res = await u.client.images.generate({
      model,
      prompt,
      n: 2,
      size: "1792x1024",
      persist: true,
      tags: ["风景", "雪山"],
    } as unknown as ImageGenerateParamsNonStreaming);
    const ids = (res.data ?? []).map((d) => (d as { assetId?: string }).assetId);
    expect(ids.every(Boolean)).toBe(true);

    const gallery = await api(app)("/api/assets?sort=new&limit=10");
    expect(gallery.status).toBe(200);
    const items = (gallery.body.items as Record<string, unknown>[]).filter((a) =>
      ids.includes(a.id as string),
    );
    expect(items).toHaveLength(2);
    for (const asset of items) {
      expect(asset).toMatchObject({
        type: "image",
        ownerId: u.id,
        prompt,
        modelTag: "Test Image 1",
        tags: ["风景", "雪山"],
        title: "雪山湖泊的清晨",
      });
      const img = await fetch(`${app.url}${asset.coverUrl}`);
      expect(img.status).toBe(200);
      const meta = await sharp(Buffer.from(await img.arrayBuffer())).metadata();
      expect([asset.width, asset.height]).toEqual([meta.width, meta.height]);
      expect(asset.aspectRatio).toBeCloseTo(meta.width! / meta.height!, 3);
      expect(meta.width! > meta.height!).toBe(true);
    }
    const byTag = await api(app)(`/api/assets?sort=new&tag=${encodeURIComponent("雪山")}`);
    expect(byTag.body.items.map((a: { id: string }) => a.id).sort()).toEqual([...ids].sort());
  });

  it("without persist nothing reaches the gallery", async () => {
    const u = await funded(100);
    const before = (await api(app)("/api/assets?sort=new&limit=50")).body.items.length;
    await u.client.images.generate({ model, prompt: "private" });
    expect((await api(app)("/api/assets?sort=new&limit=50")).body.items.length).toBe(before);
  });
});

describe("images.edit", () => {
  it("one image and a mask, via toFile: multipart upstream, priced as an edit", async () => {
    const u = await funded(100);
    const image = await toFile(await makeImage(40, 30, "png", "#ff0000"), "photo.png", {
      type: "image/png",
    });
    const mask = await toFile(await makeImage(40, 30, "png", "#00000000"), "mask.png", {
      type: "image/png",
    });
    const res = await u.client.images.edit({
      model,
      image,
      mask,
      prompt: "add a moon",
      response_format: "b64_json",
    });
    expect(res.data).toHaveLength(1);
    expect((await decode(res.data![0].b64_json!)).format).toBe("png");
    expect(await balanceOf(app, u.token)).toBe(100 - (2 + 4));
    const sent = lastUpstream();
    expect(sent.path).toBe("/v1/images/edits");
    const body = sent.body as MultipartBody;
    expect(body.fields).toMatchObject({
      model: "dall-e-3",
      prompt: "add a moon",
      response_format: "b64_json",
    });
    expect(body.files.map((f) => f.field).sort()).toEqual(["image", "mask"]);
    expect(tempEntries(app)).toEqual([]);
  });

  it("several images (image[]), n and size, persisted, answered with URLs", async () => {
    const u = await funded(100);
    const images = await Promise.all(
      ["#ff0000", "#00ff00", "#0000ff"].map(async (c, i) =>
        toFile(await makeImage(32, 32, i === 1 ? "jpeg" : "webp", c), `in${i}.img`),
      ),
    );
    const res = await u.client.images.edit({
      model,
      image: images,
      prompt: "blend them",
      n: 2,
      size: "512x512",
      persist: "true",
    } as unknown as ImageEditParamsNonStreaming);
    expect(res.data).toHaveLength(2);
    for (const item of res.data ?? []) expect((await fetch(item.url!)).status).toBe(200);
    const body = lastUpstream().body as MultipartBody;
    expect(body.files.filter((f) => f.field.startsWith("image"))).toHaveLength(3);
    expect(body.fields).not.toHaveProperty("persist");
    expect(body.fields).toMatchObject({ n: "2", size: "512x512" });
    // 2 fixed + 2 × 4 × 0.5
    expect(await balanceOf(app, u.token)).toBe(100 - 6);
    const ids = (res.data ?? []).map((d) => (d as { assetId?: string }).assetId);
    const gallery = (await api(app)("/api/assets?sort=new&limit=10")).body.items.map(
      (a: { id: string }) => a.id,
    );
    for (const id of ids) expect(gallery).toContain(id);
    expect(tempEntries(app)).toEqual([]);
  });

  it("upstream 500 on an edit → 502, refund, temp files gone", async () => {
    const u = await funded(100);
    for (let i = 0; i < 3; i++)
      upstream.enqueue({
        path: "/images/edits",
        status: 500,
        body: { error: { message: "boom" } },
      });
    const image = await toFile(await makeImage(20, 20), "a.png", { type: "image/png" });
    const err = await u.client.images.edit({ model, image, prompt: "x" }).catch((e: unknown) => e);
    expect((err as { status?: number }).status).toBe(502);
    expect(await balanceOf(app, u.token)).toBe(100);
    expect(tempEntries(app)).toEqual([]);
  });
});

describe("built-in mock provider (offline)", () => {
  it("generations depend on the prompt; edits visibly change the input", async () => {
    const u = await funded(200);
    const gen = (prompt: string) =>
      u.client.images.generate({
        model: "mock-image",
        prompt,
        size: "1024x1024",
        response_format: "b64_json",
      });
    const [a, b, a2] = await Promise.all([gen("red fox"), gen("blue whale"), gen("red fox")]);
    const bytes = (r: typeof a) => Buffer.from(r.data![0].b64_json!, "base64");
    expect(bytes(a).equals(bytes(b))).toBe(false);
    expect(bytes(a).equals(bytes(a2))).toBe(true);

    const input = await makeImage(64, 64, "png", "#808080");
    const edited = await u.client.images.edit({
      model: "mock-image",
      image: await toFile(input, "in.png", { type: "image/png" }),
      prompt: "make it glow",
      response_format: "b64_json",
    });
    const out = await sharp(Buffer.from(edited.data![0].b64_json!, "base64"))
      .raw()
      .toBuffer({ resolveWithObject: true });
    const src = await sharp(input).raw().toBuffer({ resolveWithObject: true });
    expect(out.info.width).toBe(64);
    let diff = 0;
    for (let i = 0; i < Math.min(out.data.length, src.data.length); i++)
      diff += Math.abs(out.data[i] - src.data[i]);
    expect(diff / src.data.length).toBeGreaterThan(20);
  });
});

describe("concurrency", () => {
  it("20 parallel generations against a balance for 5: exactly 5 succeed, balance 0", async () => {
    const u = await funded(20); // 4 credits per default generation
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api(app, u.token)("/v1/images/generations", { body: { model, prompt: `race ${i}` } }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 402)).toHaveLength(15);
    expect(await balanceOf(app, u.token)).toBe(0);
    expect(await pendingHolds(app, u.token)).toBe(0);
  });
});
