import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, type App, startApp } from "../helpers/app";
import { grantCredits } from "../helpers/images";
import { expectLedgerConsistent, waitTask } from "../helpers/tasks";
import {
  balance,
  dataUrl,
  expectUserLedger,
  fetchPicture,
  imagePart,
  photo,
  postMultipart,
} from "../helpers/tools";
import { startReplicateUpstream, type ReplicateUpstream } from "../mocks/replicate-server";
import { startStabilityUpstream, type StabilityUpstream } from "../mocks/stability-server";

// Image tools on real providers' wires, each a real HTTP fake: Stability AI's v2beta endpoints
// (synchronous ones answered at once, asynchronous ones run as tasks polled at /v2beta/results)
// and a Real-ESRGAN model on Replicate through the task adapter. Whatever size a provider
// answers, the result is exactly the size the call promised; failures are refunded and never
// carry the provider's key.

const KEYS = { stability: "sk-stab-secret-0123456789", replicate: "r8_tools_secret_token_42" };
const TOOL_PRICING = {
  "image.upscale": { perMegapixel: 2 },
  "image.outpaint": { perMegapixel: 3, creativityFactor: 0.5 },
  "image.background": { perMegapixel: 2, modeFactors: { replace: 1.5 } },
  rounding: "ceil",
};

let app: App;
let stability: StabilityUpstream;
let replicate: ReplicateUpstream;
let user: Awaited<ReturnType<App["register"]>>;
let png: Buffer;
let stabilityId: string;

async function provider(kind: string, slug: string, baseURL: string, apiKey: string) {
  const res = await api(app, await app.adminToken())("/api/admin/ai/providers", {
    body: { slug, name: slug, kind, baseURL, apiKey },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.item.id as string;
}

async function model(
  providerId: string,
  slug: string,
  upstreamModel: string,
  capabilities: string[],
) {
  const res = await api(app, await app.adminToken())("/api/admin/ai/models", {
    body: {
      slug,
      providerId,
      upstreamModel,
      capabilities,
      modalities: ["image"],
      pricing: TOOL_PRICING,
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

beforeAll(async () => {
  [stability, replicate] = await Promise.all([
    startStabilityUpstream({ apiKey: KEYS.stability }),
    startReplicateUpstream({ apiKey: KEYS.replicate }),
  ]);
  app = await startApp({ TASK_POLL_MIN_MS: "50", TASK_POLL_MAX_MS: "200" });
  stabilityId = await provider("stability", "stab", stability.url, KEYS.stability);
  await model(stabilityId, "stab-upscale-fast", "upscale/fast", ["image.upscale"]);
  await model(stabilityId, "stab-upscale-creative", "upscale/creative", ["image.upscale"]);
  await model(stabilityId, "stab-outpaint", "edit/outpaint", ["image.outpaint"]);
  await model(stabilityId, "stab-background", "edit/replace-background-and-relight", [
    "image.background",
  ]);
  const rp = await provider("replicate", "rp", replicate.url, KEYS.replicate);
  await model(rp, "rp-esrgan", "nightmareai/real-esrgan", ["image.upscale"]);
  user = await app.register();
  await grantCredits(app, user.id, 500);
  png = await photo();
});
afterAll(async () => {
  if (app) await expectLedgerConsistent(app.databaseUrl).finally(() => app.stop());
  await Promise.all([stability?.stop(), replicate?.stop()]);
});

const call = (path: string, body: Record<string, unknown>) =>
  api(app, user.token)(path, { body: { image: dataUrl(png), ...body } });

describe("Stability AI (v2beta)", () => {
  it("the connection test reads the balance with the key", async () => {
    const res = await api(app, await app.adminToken())("/api/admin/ai/providers/test", {
      body: { providerId: stabilityId },
    });
    expect(res.body).toMatchObject({ ok: true });
  });

  it("upscale/fast answers 4×; the call asked 2× and gets exactly 1280×960", async () => {
    stability.reset();
    const res = await call("/v1/images/upscale", { model: "stab-upscale-fast", scale: 2 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.size).toBe("1280x960");
    const pic = await fetchPicture(res.body.data[0].url);
    expect([pic.width, pic.height, pic.format]).toEqual([1280, 960, "png"]);
    const [req] = stability.requests;
    expect(req).toMatchObject({
      method: "POST",
      path: "/v2beta/stable-image/upscale/fast",
      accept: "image/*",
      fields: { output_format: "png" },
    });
    expect(req.files.image).toBe(png.length);
  });

  it("outpaint sends the margins and creativity; a 429 is retried", async () => {
    stability.reset();
    stability.enqueue({ path: "/edit/outpaint", status: 429, headers: { "retry-after": "0" } });
    const res = await call("/v1/images/outpaint", {
      model: "stab-outpaint",
      left: 100,
      creativity: 0.3,
      prompt: "海边",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.size).toBe("740x480");
    expect(stability.requests).toHaveLength(2);
    expect(stability.requests[1].fields).toMatchObject({
      left: "100",
      creativity: "0.3",
      prompt: "海边",
    });
    const pic = await fetchPicture(res.body.data[0].url);
    expect(pic.at(20, 240).slice(0, 3)).toEqual([128, 128, 128]);
  });

  it("remove-background is answered at once; a colour is composited here on Stability's cut-out", async () => {
    const removed = await call("/v1/images/background", {
      model: "stab-background",
      mode: "remove",
    });
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    expect((await fetchPicture(removed.body.data[0].url)).at(3, 3)[3]).toBe(0);
    stability.reset();
    const coloured = await call("/v1/images/background", {
      model: "stab-background",
      mode: "replace",
      color: "#336699",
    });
    expect(coloured.status).toBe(200);
    expect(stability.requests[0].path).toBe("/v2beta/stable-image/edit/remove-background");
    expect((await fetchPicture(coloured.body.data[0].url)).at(3, 3)).toEqual([51, 102, 153, 255]);
  });

  it("replace-background-and-relight is a job: 202, polled at /v2beta/results, exact size", async () => {
    stability.reset();
    const res = await call("/v1/images/background", {
      model: "stab-background",
      mode: "replace",
      prompt: "木质桌面",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toMatchObject({ kind: "image.background", status: "queued" });
    const done = await waitTask(app, user.token, res.body.id);
    expect(done.status, JSON.stringify(done)).toBe("completed");
    expect((done.outputs as { width: number; height: number }[])[0]).toMatchObject({
      width: 640,
      height: 480,
    });
    const submit = stability.requests.find((r) => r.method === "POST")!;
    expect(submit).toMatchObject({
      path: "/v2beta/stable-image/edit/replace-background-and-relight",
      accept: "application/json",
      fields: { background_prompt: "木质桌面" },
    });
    expect(submit.files.subject_image).toBeGreaterThan(0);
    const polls = stability.requests.filter((r) => r.path.startsWith("/v2beta/results/"));
    expect(polls.length).toBeGreaterThanOrEqual(3);
  });

  it("upscale/creative with wait=true answers the picture once the job is done", async () => {
    const res = await call("/v1/images/upscale", {
      model: "stab-upscale-creative",
      scale: 2,
      wait: true,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.size).toBe("1280x960");
    const pic = await fetchPicture(res.body.data[0].url);
    expect([pic.width, pic.height]).toEqual([1280, 960]);
    const submit = stability.requests.filter((r) => r.path.endsWith("/upscale/creative")).pop()!;
    expect(submit.fields.prompt).toMatch(/higher resolution/);
  });

  it("a provider error is a refunded 502 that never carries the key", async () => {
    const before = await balance(app, user.token);
    const res = await call("/v1/images/outpaint", {
      model: "stab-outpaint",
      up: 10,
      prompt: "#fail",
    });
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({ code: "upstream_error", provider: "stab" });
    expect(res.body.error.message).toContain("scripted failure");
    expect(JSON.stringify(res.body)).not.toContain(KEYS.stability);
    expect(await balance(app, user.token)).toBe(before);
  });

  it("a job the provider's moderation filtered fails and is refunded", async () => {
    const before = await balance(app, user.token);
    const res = await call("/v1/images/background", {
      model: "stab-background",
      mode: "replace",
      prompt: "#filtered",
    });
    const done = await waitTask(app, user.token, res.body.id);
    expect(done).toMatchObject({ status: "failed", error: { code: "moderation_blocked" } });
    expect(await balance(app, user.token)).toBe(before);
    await expectUserLedger(app, user.id);
  });
});

describe("Replicate tool models (Real-ESRGAN)", () => {
  it("upscale runs as a prediction; the answer is exact, the input is Real-ESRGAN's", async () => {
    replicate.reset();
    const res = await postMultipart(app, user.token, "/v1/images/upscale", [
      imagePart(png),
      { name: "model", value: "rp-esrgan" },
      { name: "scale", value: "2" },
    ]);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const done = await waitTask(app, user.token, res.body.id);
    expect(done.status, JSON.stringify(done)).toBe("completed");
    const out = (done.outputs as { url: string; width: number; height: number }[])[0];
    expect([out.width, out.height]).toEqual([1280, 960]);
    const pic = await fetchPicture(out.url);
    expect([pic.width, pic.height]).toEqual([1280, 960]);
    expect(pic.at(640, 480).slice(0, 3)).toEqual([192, 48, 48]);
    const create = replicate.requests.find((r) => r.method === "POST")!;
    expect(create.path).toBe("/v1/models/nightmareai/real-esrgan/predictions");
    expect((create.body as { input: Record<string, unknown> }).input).toMatchObject({
      scale: 2,
      face_enhance: false,
      image: expect.stringMatching(/^data:image\/png;base64,/),
    });
  });

  it("a size between scales asks for the next scale up and is fitted; wait=true answers it", async () => {
    const res = await call("/v1/images/upscale", { model: "rp-esrgan", width: 1000, wait: true });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.size).toBe("1000x750");
    const pic = await fetchPicture(res.body.data[0].url);
    expect([pic.width, pic.height]).toEqual([1000, 750]);
  });

  it("stopping a workflow mid-step refunds the step in flight and the rest; step 1 stays", async () => {
    const admin = await app.adminToken();
    const made = await api(app, admin)("/api/admin/workflows", {
      body: {
        slug: "cut-then-esrgan",
        name: "抠图后超分",
        steps: [
          { tool: "image.background", params: { mode: "remove" }, model: "mock-image-tools" },
          { tool: "image.upscale", params: { scale: 2 }, model: "rp-esrgan" },
          { tool: "image.upscale", params: { scale: 2 }, model: "mock-image-tools" },
        ],
      },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    // The prediction never finishes on its own: the run waits at step 2 until it is stopped.
    replicate.reset();
    replicate.setCompleteAfterMs(10 * 60_000);
    const start = await balance(app, user.token);
    const res = await postMultipart(app, user.token, "/api/workflows/cut-then-esrgan/run", [
      imagePart(png),
    ]);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const id = res.body.id as string;
    const deadline = Date.now() + 20_000;
    let detail;
    for (;;) {
      detail = (await api(app, user.token)(`/api/tasks/${id}`)).body;
      if (detail.steps[1].status === "in_progress") break;
      if (Date.now() > deadline)
        throw new Error(`step 2 never started: ${JSON.stringify(detail.steps)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const charged1 = detail.steps[0].credits.charged;
    expect(detail.steps[0].status).toBe("completed");
    const stopped = await api(app, user.token)(`/api/tasks/${id}/cancel`, { body: {} });
    expect(stopped.body.status).toBe("cancelled");
    expect(stopped.body.steps.map((s: { status: string }) => s.status)).toEqual([
      "completed",
      "cancelled",
      "cancelled",
    ]);
    expect(await balance(app, user.token)).toBe(start - charged1);
    // The provider is told to stop the prediction.
    const deadline2 = Date.now() + 10_000;
    while (!replicate.requests.some((r) => r.path.endsWith("/cancel"))) {
      if (Date.now() > deadline2) throw new Error("no cancel sent upstream");
      await new Promise((r) => setTimeout(r, 50));
    }
    replicate.setCompleteAfterMs(null);
    await expectUserLedger(app, user.id);
  });
});
