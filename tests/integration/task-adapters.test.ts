import OpenAI from "openai";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, type App, freePort, startApp } from "../helpers/app";
import { balanceOf, grantCredits } from "../helpers/images";
import { inspectMp4 } from "../helpers/mp4";
import { createTaskModel, expectLedgerConsistent, waitTask } from "../helpers/tasks";
import { startKieUpstream, type KieUpstream } from "../mocks/kie-server";
import { startVideoUpstream, type VideoUpstream } from "../mocks/openai-videos-server";
import { startReplicateUpstream, type ReplicateUpstream } from "../mocks/replicate-server";

// Each provider kind's task adapter against a real HTTP fake of that provider: the happy path,
// a failure (refunded), 429 and slow answers during polling (retried, never failing the task),
// and an expired result URL (failed and refunded — a provider URL is never handed on).

let app: App;
let openai: VideoUpstream;
let replicate: ReplicateUpstream;
let kie: KieUpstream;
const KEYS = {
  openai: "sk-video-secret-key",
  replicate: "r8_replicate_secret_token",
  kie: "kie-secret-api-key",
};

beforeAll(async () => {
  [openai, replicate, kie] = await Promise.all([
    startVideoUpstream({ apiKey: KEYS.openai }),
    startReplicateUpstream({ apiKey: KEYS.replicate }),
    startKieUpstream({ apiKey: KEYS.kie }),
  ]);
  const port = await freePort();
  app = await startApp(
    {
      SEED_DEMO: "0",
      SIGNUP_CREDITS: "0",
      TASK_POLL_MIN_MS: "50",
      TASK_POLL_MAX_MS: "200",
      RATE_LIMIT_USER_PER_MIN: "100000",
      RATE_LIMIT_IP_PER_MIN: "100000",
      // Callbacks reach the app on its own address; fakes and results live on loopback.
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      OUTBOUND_ALLOW_HOSTS: "127.0.0.1",
    },
    { port },
  );
  await createTaskModel(app, {
    kind: "openaiLike",
    baseURL: openai.url,
    apiKey: KEYS.openai,
    slug: "oa-video",
    upstreamModel: "sora-2",
  });
  await createTaskModel(app, {
    kind: "replicate",
    baseURL: replicate.url,
    apiKey: KEYS.replicate,
    slug: "rp-video",
    upstreamModel: "acme/video-model",
  });
  await createTaskModel(app, {
    kind: "replicate",
    baseURL: replicate.url,
    apiKey: KEYS.replicate,
    slug: "rp-image",
    upstreamModel: "acme/flux:abc123",
    capabilities: ["image.generate"],
  });
  await createTaskModel(app, {
    kind: "kie",
    baseURL: kie.url,
    apiKey: KEYS.kie,
    slug: "kie-video",
    upstreamModel: "kling/v2-text-to-video",
  });
});
afterAll(async () => {
  if (app) await expectLedgerConsistent(app.databaseUrl).finally(() => app.stop());
  await Promise.all([openai?.stop(), replicate?.stop(), kie?.stop()]);
});

async function user(credits = 100) {
  const u = await app.register();
  await grantCredits(app, u.id, credits);
  return { ...u, call: api(app, u.token) };
}

async function submit(
  u: Awaited<ReturnType<typeof user>>,
  model: string,
  prompt: string,
  extra = {},
) {
  const res = await u.call("/v1/videos", { body: { model, prompt, ...extra } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.id as string;
}

async function content(u: Awaited<ReturnType<typeof user>>, id: string) {
  const res = await fetch(`${app.url}/v1/videos/${id}/content`, {
    headers: { authorization: `Bearer ${u.token}` },
  });
  return Buffer.from(await res.arrayBuffer());
}

describe("openaiLike /v1/videos upstream", () => {
  it("happy path: multipart submit with the upstream model, polled to completion, files stored", async () => {
    const u = await user();
    const id = await submit(u, "oa-video", "a quiet harbour", { seconds: "8", size: "1792x1024" });
    const task = await waitTask(app, u.token, id);
    expect(task).toMatchObject({ status: "completed", credits: { held: 33, charged: 33 } });
    expect(openai.forms.at(-1)).toMatchObject({
      model: "sora-2",
      prompt: "a quiet harbour",
      seconds: "8",
      size: "1792x1024",
    });
    expect(inspectMp4(await content(u, id)).codec).toBe("avc1");
    expect(openai.creates("a quiet harbour")).toBe(1);
    expect(await balanceOf(app, u.token)).toBe(67);
  });

  it("image→video sends the reference as input_reference; remix uses the upstream remix", async () => {
    const u = await user();
    const png = await sharp({
      create: { width: 32, height: 32, channels: 3, background: "#123456" },
    })
      .png()
      .toBuffer();
    const id = await submit(u, "oa-video", "from a picture", {
      image_url: `data:image/png;base64,${png.toString("base64")}`,
    });
    await waitTask(app, u.token, id);
    expect(openai.forms.at(-1)?.input_reference).toMatchObject({
      size: png.length,
      mimeType: "image/png",
    });
    const remix = await u.call(`/v1/videos/${id}/remix`, { body: { prompt: "again, at night" } });
    await waitTask(app, u.token, remix.body.id);
    expect(openai.requests.some((r) => /\/v1\/videos\/vid_up_\d+\/remix$/.test(r.path))).toBe(true);
  });

  it("a failed job is refunded with the provider's reason, scrubbed of the key", async () => {
    const u = await user();
    const id = await submit(u, "oa-video", "blocked #fail");
    const task = await waitTask(app, u.token, id);
    expect(task.status).toBe("failed");
    expect(task.error).toMatchObject({ code: "moderation_blocked" });
    expect(JSON.stringify(task.error)).not.toContain(KEYS.openai);
    expect(await balanceOf(app, u.token)).toBe(100);
  });

  it("429 (Retry-After) and 5xx while polling are retried; slow answers are waited for", async () => {
    const u = await user();
    openai.enqueue({ path: "/videos", method: "POST", delayMs: 600 });
    const id = await submit(u, "oa-video", "patience");
    for (let i = 0; i < 3; i++)
      openai.enqueue({
        method: "GET",
        path: "",
        status: 429,
        headers: { "retry-after": "0" },
        body: { error: { message: "slow down" } },
      });
    openai.enqueue({ method: "GET", status: 503, body: { error: { message: "busy" } } });
    openai.enqueue({ method: "GET", delayMs: 800 });
    const task = await waitTask(app, u.token, id);
    expect(task.status).toBe("completed");
    const statuses = await api(app, await app.adminToken())(`/api/admin/tasks?user=${u.email}`);
    expect(statuses.body.items[0].attempts).toBe(0);
  });

  it("an expired result URL fails the task and refunds; a non-video file too; a missing thumbnail gets a poster", async () => {
    const u = await user();
    const expired = await submit(u, "oa-video", "gone #expired");
    const bad = await submit(u, "oa-video", "html #bad");
    const nothumb = await submit(u, "oa-video", "plain #nothumb");
    const [e, b, n] = await Promise.all(
      [expired, bad, nothumb].map((id) => waitTask(app, u.token, id)),
    );
    expect(e).toMatchObject({ status: "failed", error: { code: "upstream_error" } });
    expect(b).toMatchObject({ status: "failed" });
    expect(String((b.error as { message: string }).message)).toContain("不是视频");
    expect(n.status).toBe("completed");
    const poster = await fetch((n.outputs as { thumbnailUrl: string }[])[0].thumbnailUrl);
    expect((await sharp(Buffer.from(await poster.arrayBuffer())).metadata()).format).toBe("jpeg");
    expect(await balanceOf(app, u.token)).toBe(100 - 9);
  });

  it("a cancel refunds at once and tells the provider", async () => {
    const u = await user();
    const id = await submit(u, "oa-video", "long one #running=100000");
    await new Promise((r) => setTimeout(r, 300));
    const res = await u.call(`/api/tasks/${id}/cancel`, { method: "POST" });
    expect(res.body).toMatchObject({ status: "cancelled", credits: { held: 9, charged: 0 } });
    expect(await balanceOf(app, u.token)).toBe(100);
    const again = await u.call(`/api/tasks/${id}/cancel`, { method: "POST" });
    expect(again.status).toBe(200);
    await expect.poll(() => openai.requests.some((r) => r.method === "DELETE")).toBe(true);
  });
});

describe("Replicate predictions", () => {
  it("video: official-model route, mapped input, output downloaded, progress from logs", async () => {
    const u = await user();
    const id = await submit(u, "rp-video", "waves at dusk", { seconds: "4", size: "1280x720" });
    const task = await waitTask(app, u.token, id);
    expect(task.status).toBe("completed");
    const create = replicate.requests.find(
      (r) => r.method === "POST" && r.path === "/v1/models/acme/video-model/predictions",
    )!;
    expect(create.body).toMatchObject({
      input: { prompt: "waves at dusk", duration: 4, aspect_ratio: "16:9" },
    });
    expect(inspectMp4(await content(u, id)).codec).toBe("avc1");
  });

  it("an image model on Replicate answers /v1/images/generations synchronously; the task is its record", async () => {
    const u = await user();
    const sdk = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: u.token, maxRetries: 0 });
    const res = await sdk.images.generate({
      model: "rp-image",
      prompt: "two cats",
      n: 2,
      response_format: "b64_json",
    });
    expect(res.data).toHaveLength(2);
    for (const d of res.data ?? [])
      expect((await sharp(Buffer.from(d.b64_json!, "base64")).metadata()).format).toBe("jpeg");
    const create = replicate.requests.find(
      (r) => r.method === "POST" && r.path === "/v1/predictions",
    )!;
    expect(create.body).toMatchObject({
      version: "abc123",
      input: { prompt: "two cats", num_outputs: 2 },
    });
    const tasks = await u.call("/api/tasks?kind=image.generate");
    expect(tasks.body.items[0]).toMatchObject({
      status: "completed",
      credits: { held: 6, charged: 6 },
    });
    expect(await balanceOf(app, u.token)).toBe(94);
  });

  it("signed webhooks are accepted and make the task due at once; a bad signature is 401; duplicates charge once", async () => {
    const u = await user();
    replicate.setCompleteAfterMs(300);
    try {
      const id = await submit(u, "rp-video", "webhook driven");
      // The runner submits after the API has answered.
      await expect
        .poll(() => [...replicate.jobs.values()].some((j) => j.prompt === "webhook driven"))
        .toBe(true);
      const job = [...replicate.jobs.values()].find((j) => j.prompt === "webhook driven")!;
      expect(job.webhook).toContain(`/api/tasks/${id}/webhook?token=`);
      await waitTask(app, u.token, id);
      await expect.poll(() => replicate.webhookResults.length).toBeGreaterThan(0);
      expect(replicate.webhookResults[0]).toBe(200);
      expect(await replicate.sendWebhook(job.id, { tamper: true })).toEqual([401]);
      expect(await replicate.sendWebhook(job.id, { times: 3 })).toEqual([200, 200, 200]);
      const bogus = await fetch(`${app.url}/api/tasks/${id}/webhook?token=wrong`, {
        method: "POST",
        body: "{}",
      });
      expect(bogus.status).toBe(401);
      expect((await bogus.json()).error.code).toBe("unauthorized");
    } finally {
      replicate.setCompleteAfterMs(null);
    }
    expect(await balanceOf(app, u.token)).toBe(100 - 9);
  });

  it("failure, 429 on polling, and an expired output URL", async () => {
    const u = await user();
    const failed = await submit(u, "rp-video", "nope #fail");
    replicate.enqueue({
      method: "GET",
      path: "",
      status: 429,
      headers: { "retry-after": "0" },
      body: { detail: "throttled" },
    });
    const throttled = await submit(u, "rp-video", "throttled");
    const expired = await submit(u, "rp-video", "late #expired");
    const [f, t, e] = await Promise.all(
      [failed, throttled, expired].map((id) => waitTask(app, u.token, id)),
    );
    expect(f.status).toBe("failed");
    expect(JSON.stringify(f.error)).not.toContain(KEYS.replicate);
    expect(t.status).toBe("completed");
    expect(e.status).toBe("failed");
    expect(await balanceOf(app, u.token)).toBe(100 - 9);
  });
});

describe("Kie-style createTask / recordInfo", () => {
  it("happy path with Kie's envelope; errors in the body code: 429 retried, others final", async () => {
    const u = await user();
    kie.enqueue({
      path: "/jobs/recordInfo",
      status: 200,
      body: { code: 429, msg: "rate limited" },
    });
    kie.enqueue({
      path: "/jobs/recordInfo",
      status: 200,
      body: { code: 455, msg: "service busy" },
    });
    const ok = await submit(u, "kie-video", "neon city", { size: "720x1280" });
    const task = await waitTask(app, u.token, ok);
    expect(task.status).toBe("completed");
    const create = kie.requests.find((r) => r.path === "/api/v1/jobs/createTask")!;
    expect(create.body).toMatchObject({
      model: "kling/v2-text-to-video",
      input: { prompt: "neon city", duration: "4", aspect_ratio: "9:16" },
      callBackUrl: expect.stringContaining(`/api/tasks/${ok}/webhook?token=`),
    });
    expect(inspectMp4(await content(u, ok)).codec).toBe("avc1");

    kie.enqueue({
      path: "/jobs/createTask",
      status: 200,
      body: { code: 422, msg: "prompt violates policy" },
    });
    const refused = await submit(u, "kie-video", "refused");
    const r = await waitTask(app, u.token, refused);
    expect(r).toMatchObject({ status: "failed", error: { code: "upstream_error" } });
    expect(String((r.error as { message: string }).message)).toContain("prompt violates policy");
    const failed = await waitTask(app, u.token, await submit(u, "kie-video", "bad #fail"));
    expect(failed.status).toBe("failed");
    const expired = await waitTask(app, u.token, await submit(u, "kie-video", "old #expired"));
    expect(expired.status).toBe("failed");
    expect(await balanceOf(app, u.token)).toBe(100 - 9);
  });
});

describe("provider secrets", () => {
  it("no answer, task or admin view carries a provider key or job id", async () => {
    const admin = api(app, await app.adminToken());
    const all = await admin("/api/admin/tasks?limit=100");
    const text = JSON.stringify(all.body);
    for (const key of Object.values(KEYS)) expect(text).not.toContain(key);
    expect(text).not.toMatch(/vid_up_\d|kie_[0-9a-f]{12}/);
  });
});
