import fs from "node:fs";
import path from "node:path";
import { toFile } from "openai";
import type { VideoCreateParams } from "openai/resources/videos";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, type App, startApp } from "../helpers/app";
import { balanceOf, grantCredits, pendingHolds, tempEntries } from "../helpers/images";
import { inspectMp4 } from "../helpers/mp4";
import { buildMultipart, makeImage } from "../helpers/multipart";
import { expectLedgerConsistent, videoSdk, waitAllTerminal } from "../helpers/tasks";

// The official `openai` SDK's videos resource against the built-in mock video model, exactly as
// a client of OpenAI would use it: create (text→video, image→video), retrieve until completed,
// download the MP4 and its thumbnail, list with paging, remix, delete — plus the money.

let app: App;
beforeAll(async () => {
  app = await startApp({
    SEED_DEMO: "0",
    SIGNUP_CREDITS: "0",
    MOCK_VIDEO_MS: "700",
    UPLOAD_MAX_BYTES: String(1024 * 1024),
    TASK_POLL_MIN_MS: "100",
    RATE_LIMIT_USER_PER_MIN: "100000",
    RATE_LIMIT_IP_PER_MIN: "100000",
  });
});
afterAll(async () => {
  if (app) await expectLedgerConsistent(app.databaseUrl).finally(() => app.stop());
});

async function funded(credits: number) {
  const user = await app.register();
  await grantCredits(app, user.id, credits);
  return { ...user, client: videoSdk(app, user.token), ai: videoSdk(app, user.token, "/api/ai") };
}

type Sdk = ReturnType<typeof videoSdk>;
async function untilDone(client: Sdk, id: string) {
  const seen: number[] = [];
  for (let i = 0; i < 300; i++) {
    const v = await client.videos.retrieve(id);
    seen.push(v.progress);
    if (v.status === "completed" || v.status === "failed") return { video: v, seen };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("video did not finish");
}

describe("videos through the official SDK", () => {
  it("text → video: queued at once with the hold taken, progress rises, MP4 + thumbnail stored", async () => {
    const u = await funded(100);
    const created = await u.client.videos.create({
      model: "mock-video",
      prompt: "一只猫在月球上散步",
    });
    expect(created).toMatchObject({
      object: "video",
      model: "mock-video",
      status: "queued",
      progress: 0,
      seconds: "4",
      size: "720x1280",
      prompt: "一只猫在月球上散步",
      remixed_from_video_id: null,
      error: null,
      completed_at: null,
    });
    expect(created.id).toMatch(/^video_/);
    // 4 s × 2 credits/s, held at submit.
    expect(await balanceOf(app, u.token)).toBe(92);
    expect(await pendingHolds(app, u.token)).toBe(1);

    const { video, seen } = await untilDone(u.client, created.id);
    expect(video.status).toBe("completed");
    expect(video.progress).toBe(100);
    expect(video.completed_at).toBeGreaterThanOrEqual(video.created_at);
    expect(seen.some((p) => p > 0 && p < 100)).toBe(true);
    expect(await balanceOf(app, u.token)).toBe(92);
    expect(await pendingHolds(app, u.token)).toBe(0);

    const res = await u.client.videos.downloadContent(created.id);
    expect(res.headers.get("content-type")).toBe("video/mp4");
    const mp4 = Buffer.from(await res.arrayBuffer());
    const info = inspectMp4(mp4);
    expect(info).toMatchObject({ codec: "avc1", width: 720, height: 1280 });
    expect(info.durationSec).toBeCloseTo(4, 1);
    const thumb = await u.client.videos.downloadContent(created.id, { variant: "thumbnail" });
    const poster = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect([poster.format, poster.width, poster.height]).toEqual(["jpeg", 720, 1280]);

    // Range on the content endpoint (seeking on iOS Safari).
    const part = await fetch(`${app.url}/v1/videos/${created.id}/content`, {
      headers: { authorization: `Bearer ${u.token}`, range: "bytes=0-99" },
    });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 0-99/${mp4.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(mp4.subarray(0, 100))).toBe(true);

    // The task view: our own media URLs, the credits, never the provider's job id.
    const task = await api(app, u.token)(`/api/tasks/${created.id}`);
    expect(task.body).toMatchObject({
      kind: "video.generate",
      status: "completed",
      credits: { held: 8, charged: 8 },
      outputs: [{ type: "video", width: 720, height: 1280, durationSec: 4 }],
    });
    expect(task.body.outputs[0].url).toMatch(new RegExp(`^${app.url}/api/media/gen/.+\\.mp4$`));
    expect(task.body.outputs[0].thumbnailUrl).toMatch(/\/api\/media\/gen\/.+-poster\.jpg$/);
    expect(JSON.stringify(task.body)).not.toContain("video_mock_");
    expect(JSON.stringify(video)).not.toContain("video_mock_");
    expect((await fetch(task.body.outputs[0].url)).status).toBe(200);
  });

  it("image → video with an uploaded input_reference, and with image_url; size prices", async () => {
    const u = await funded(200);
    const png = await makeImage(64, 64, "png", "#ff0000");
    const a = await u.client.videos.create({
      model: "mock-video",
      prompt: "红色的开场",
      seconds: "8",
      size: "1792x1024",
      input_reference: await toFile(png, "ref.png", { type: "image/png" }),
    });
    // 8 s × 2 × size factor 2 (the mock's price for 1792x1024).
    expect(await balanceOf(app, u.token)).toBe(200 - 32);
    const jpeg = await makeImage(32, 32, "jpeg", "#00ff00");
    const b = await u.client.videos.create({
      model: "mock-video",
      prompt: "green",
      input_reference: { image_url: `data:image/jpeg;base64,${jpeg.toString("base64")}` },
    } as VideoCreateParams);
    for (const v of [a, b])
      expect((await untilDone(u.client, v.id)).video.status).toBe("completed");
    const task = await api(app, u.token)(`/api/tasks/${a.id}`);
    expect(task.body.input.media).toHaveLength(1);
    const ref = await fetch(task.body.input.media[0]);
    expect((await sharp(Buffer.from(await ref.arrayBuffer())).metadata()).width).toBe(64);
    const info = inspectMp4(
      Buffer.from(await (await u.client.videos.downloadContent(a.id)).arrayBuffer()),
    );
    expect([info.width, info.height, Math.round(info.durationSec)]).toEqual([1792, 1024, 8]);
    expect(await balanceOf(app, u.token)).toBe(200 - 32 - 8);
  });

  it("#fail: the video fails and the whole hold is refunded", async () => {
    const u = await funded(20);
    const v = await u.client.videos.create({ model: "mock-video", prompt: "please #fail" });
    expect(await balanceOf(app, u.token)).toBe(12);
    const { video } = await untilDone(u.client, v.id);
    expect(video.status).toBe("failed");
    expect(video.error).toEqual({
      code: "generation_failed",
      message: expect.stringContaining("#fail"),
    });
    expect(await balanceOf(app, u.token)).toBe(20);
    await expect(u.client.videos.downloadContent(v.id)).rejects.toMatchObject({ status: 404 });
  });

  it("list pages with after/limit/has_more, newest first; asc works; only the caller's", async () => {
    const u = await funded(100);
    const other = await funded(100);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await u.client.videos.create({ model: "mock-video", prompt: `clip ${i}` })).id);
    await other.client.videos.create({ model: "mock-video", prompt: "not yours" });
    const first = await u.client.videos.list({ limit: 2 });
    expect(first.data.map((v) => v.id)).toEqual([ids[2], ids[1]]);
    expect(first.has_more).toBe(true);
    const all: string[] = [];
    for await (const v of u.client.videos.list({ limit: 2 })) all.push(v.id);
    expect(all).toEqual([...ids].reverse());
    const asc = await api(app, u.token)("/v1/videos?order=asc&limit=10");
    expect(asc.body).toMatchObject({
      object: "list",
      first_id: ids[0],
      last_id: ids[2],
      has_more: false,
    });
    await waitAllTerminal(app.databaseUrl);
  });

  it("remix makes a new video from a completed one; delete cancels a running one and refunds", async () => {
    const u = await funded(100);
    const v = await u.client.videos.create({ model: "mock-video", prompt: "first cut" });
    await untilDone(u.client, v.id);
    const remix = await u.client.videos.remix(v.id, { prompt: "second cut, brighter" });
    expect(remix).toMatchObject({
      status: "queued",
      remixed_from_video_id: v.id,
      prompt: "second cut, brighter",
    });
    const { video } = await untilDone(u.client, remix.id);
    expect(video.status).toBe("completed");
    expect(await balanceOf(app, u.token)).toBe(100 - 16);

    const running = await u.client.videos.create({ model: "mock-video", prompt: "never mind" });
    expect(await balanceOf(app, u.token)).toBe(100 - 24);
    expect(await u.client.videos.delete(running.id)).toEqual({
      id: running.id,
      object: "video.deleted",
      deleted: true,
    });
    expect(await balanceOf(app, u.token)).toBe(100 - 16);
    await expect(u.client.videos.retrieve(running.id)).rejects.toMatchObject({ status: 404 });

    const done = await api(app, u.token)(`/api/tasks/${v.id}`);
    const mediaUrl = done.body.outputs[0].url as string;
    await u.client.videos.delete(v.id);
    expect((await fetch(mediaUrl)).status).toBe(404);
    const listed = await u.client.videos.list();
    expect(listed.data.map((x) => x.id)).toEqual([remix.id]);
  });

  it("another user gets 404 for read, content, delete and remix", async () => {
    const owner = await funded(100);
    const v = await owner.client.videos.create({ model: "mock-video", prompt: "mine" });
    await untilDone(owner.client, v.id);
    const other = await funded(100);
    await expect(other.client.videos.retrieve(v.id)).rejects.toMatchObject({ status: 404 });
    await expect(other.client.videos.downloadContent(v.id)).rejects.toMatchObject({ status: 404 });
    await expect(other.client.videos.delete(v.id)).rejects.toMatchObject({ status: 404 });
    await expect(other.client.videos.remix(v.id, { prompt: "yours now" })).rejects.toMatchObject({
      status: 404,
    });
    const t = await api(app, other.token)(`/api/tasks/${v.id}`);
    expect(t.status).toBe(404);
    expect(t.body.error.code).toBe("not_found");
    expect((await owner.client.videos.retrieve(v.id)).status).toBe("completed");
    expect(await balanceOf(app, other.token)).toBe(100);
  });

  it("the same handlers under /api/ai/videos", async () => {
    const u = await funded(100);
    const v = await u.ai.videos.create({ model: "mock-video", prompt: "via /api/ai" });
    const { video } = await untilDone(u.ai, v.id);
    expect(video.status).toBe("completed");
    expect((await u.client.videos.retrieve(v.id)).id).toBe(v.id);
    const bytes = Buffer.from(await (await u.ai.videos.downloadContent(v.id)).arrayBuffer());
    expect(inspectMp4(bytes).codec).toBe("avc1");
  });

  it("requestId: pending → 409; completed → the same video, no new charge; failed → may run again", async () => {
    const u = await funded(100);
    const call = (prompt: string, requestId: string) =>
      api(app, u.token)("/v1/videos", { body: { model: "mock-video", prompt, requestId } });
    const first = await call("idempotent", "vid-req-1");
    expect(first.status).toBe(200);
    const dup = await call("idempotent", "vid-req-1");
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe("duplicate_request");
    await untilDone(u.client, first.body.id);
    const replay = await call("idempotent", "vid-req-1");
    expect(replay.status).toBe(200);
    expect(replay.body.id).toBe(first.body.id);
    expect(replay.body.status).toBe("completed");
    expect(await balanceOf(app, u.token)).toBe(92);

    const failed = await call("oops #fail", "vid-req-2");
    await untilDone(u.client, failed.body.id);
    const again = await call("better now", "vid-req-2");
    expect(again.status).toBe(200);
    expect(again.body.id).not.toBe(failed.body.id);
    await untilDone(u.client, again.body.id);
    expect(await balanceOf(app, u.token)).toBe(84);
  });

  it("402 when the hold does not fit; 404 for a model without video.generate", async () => {
    const u = await funded(5);
    const poor = await api(app, u.token)("/v1/videos", {
      body: { model: "mock-video", prompt: "too dear" },
    });
    expect(poor.status).toBe(402);
    expect(poor.body.error.code).toBe("insufficient_credits");
    const wrong = await api(app, u.token)("/v1/videos", {
      body: { model: "mock-image", prompt: "x" },
    });
    expect(wrong.status).toBe(404);
    expect(wrong.body.error.code).toBe("model_not_found");
    expect(await balanceOf(app, u.token)).toBe(5);
    const tasks = await api(app, u.token)("/api/tasks");
    expect(tasks.body.items).toEqual([]);
  });
});

describe("CORS and metrics", () => {
  it("preflights and answers on /v1/videos (routed around the proxy) and /v1/videos/{id}", async () => {
    for (const p of ["/v1/videos", "/api/ai/videos", "/v1/videos/video_x"]) {
      const pre = await fetch(`${app.url}${p}`, {
        method: "OPTIONS",
        headers: { origin: "http://localhost:5173", "access-control-request-method": "POST" },
      });
      expect(pre.status, p).toBe(204);
      expect(pre.headers.get("access-control-allow-origin"), p).toBe("http://localhost:5173");
    }
    const u = await app.register();
    const list = await fetch(`${app.url}/v1/videos`, {
      headers: { authorization: `Bearer ${u.token}`, origin: "http://localhost:5173" },
    });
    expect(list.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(list.headers.get("x-request-id")).toBeTruthy();
  });

  it("/api/metrics reports tasks by kind and status, queue depth and time to complete", async () => {
    const admin = await app.adminToken();
    const text = await (
      await fetch(`${app.url}/api/metrics`, { headers: { authorization: `Bearer ${admin}` } })
    ).text();
    expect(text).toMatch(
      /aigc_tasks_finished_total\{kind="video.generate",model="mock-video",provider="mock",status="completed"\} \d+/,
    );
    expect(text).toMatch(
      /aigc_task_duration_seconds_count\{kind="video.generate",status="failed"\} \d+/,
    );
    expect(text).toMatch(
      /aigc_task_completion_lag_seconds_count\{kind="video.generate",provider="mock"\} \d+/,
    );
    expect(text).toContain("aigc_tasks_queue_depth");
    expect(text).toContain("# TYPE aigc_tasks_live gauge");
  });
});

describe("bad input: 400/413/415 in the error shape, nothing held, no temp file left", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ["unknown seconds", { prompt: "x", seconds: "5" }, "seconds"],
    ["unknown size", { prompt: "x", size: "640x480" }, "size"],
    ["missing prompt", {}, "prompt"],
    ["blank prompt", { prompt: "   " }, "prompt"],
    [
      "file_id reference",
      { prompt: "x", input_reference: { file_id: "file_1" } },
      "input_reference",
    ],
    ["bad image_url", { prompt: "x", image_url: "ftp://example.com/a.png" }, "input_reference"],
  ];
  for (const [name, body, param] of cases) {
    it(`JSON: ${name}`, async () => {
      const u = await funded(50);
      const res = await api(app, u.token)("/v1/videos", { body: { model: "mock-video", ...body } });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error).toMatchObject({ code: "invalid_request", param });
      expect(await balanceOf(app, u.token)).toBe(50);
      expect(await pendingHolds(app, u.token)).toBe(0);
    });
  }

  async function multipart(token: string, parts: Parameters<typeof buildMultipart>[0]) {
    const { body, contentType } = buildMultipart(parts);
    const res = await fetch(`${app.url}/v1/videos`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": contentType },
      body: new Uint8Array(body),
    });
    return {
      status: res.status,
      body: (await res.json()) as { error: { code: string; param: string } },
    };
  }

  const storedInputs = () => {
    const dir = path.join(app.dataDir, "media", "inputs");
    return fs.existsSync(dir)
      ? fs.readdirSync(dir, { recursive: true }).filter((f) => /\.\w+$/.test(String(f))).length
      : 0;
  };

  it("multipart: a non-image input_reference is 415; oversized is 413; a truncated image is 400", async () => {
    const u = await funded(50);
    const inputsBefore = storedInputs();
    const base = [
      { name: "model", value: "mock-video" },
      { name: "prompt", value: "x" },
    ];
    const text = await multipart(u.token, [
      ...base,
      {
        name: "input_reference",
        filename: "ref.png",
        type: "image/png",
        data: Buffer.from("not an image at all"),
      },
    ]);
    expect(text.status).toBe(415);
    expect(text.body.error).toMatchObject({
      code: "unsupported_media_type",
      param: "input_reference",
    });
    const big = await multipart(u.token, [
      ...base,
      {
        name: "input_reference",
        filename: "big.png",
        type: "image/png",
        data: Buffer.alloc(1024 * 1024 + 10, 1),
      },
    ]);
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe("payload_too_large");
    const png = await makeImage(64, 64);
    const cut = await multipart(u.token, [
      ...base,
      {
        name: "input_reference",
        filename: "cut.png",
        type: "image/png",
        data: png.subarray(0, png.length - 30),
      },
    ]);
    expect(cut.status).toBe(400);
    const seconds = await multipart(u.token, [...base, { name: "seconds", value: "7" }]);
    expect(seconds.status).toBe(400);
    expect(seconds.body.error.param).toBe("seconds");
    expect(await balanceOf(app, u.token)).toBe(50);
    expect(await pendingHolds(app, u.token)).toBe(0);
    expect(tempEntries(app)).toEqual([]);
    // Nothing stored for refused references, no task recorded.
    expect(storedInputs()).toBe(inputsBefore);
    const tasks = await api(app, u.token)("/api/tasks");
    expect(tasks.body.items).toEqual([]);
  });
});
