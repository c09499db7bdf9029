import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { videoCost } from "@/lib/pricing/compute";
import { pricingSchema } from "@/lib/pricing/schema";
import type { ProviderAccess } from "@/lib/providers/access";
import { kieInput, parseRecord } from "@/lib/providers/kie";
import { parseVideoObject } from "@/lib/providers/openai-compatible/videos";
import {
  aspectRatio,
  parsePrediction,
  replicateInput,
  verifySignature,
} from "@/lib/providers/replicate";
import { predictionTarget } from "@/lib/providers/replicate/api";
import type { TaskInput } from "@/lib/providers/task-types";
import { canMove, TASK_STATUSES } from "@/lib/tasks/model";

// The pure parts of the task engine: the state machine's one rule, video pricing, each
// provider's parameter map and answer parsing, and Replicate's webhook signatures.

const access: ProviderAccess = {
  slug: "up",
  baseURL: "https://api.example.com/v1",
  apiKey: "sk-secret-key-123456",
  headers: { "x-org": "org-secret-value" },
  fetch,
  local: false,
};

describe("task state machine", () => {
  it("only moves forward, and a terminal status never changes", () => {
    const allowed = TASK_STATUSES.flatMap((from) =>
      TASK_STATUSES.filter((to) => canMove(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        "queued→in_progress",
        "queued→completed",
        "queued→failed",
        "queued→cancelled",
        "in_progress→completed",
        "in_progress→failed",
        "in_progress→cancelled",
      ].sort(),
    );
  });
});

describe("video pricing (contract §8)", () => {
  const pricing = pricingSchema.parse({
    "video.generate": {
      perSecond: 1.5,
      fixedCreditsPerCall: 2,
      sizeFactors: { "1792x1024": 2 },
      minCredits: 5,
    },
  });
  it("fixed + perSecond · seconds · sizeFactor, rounded once, at least minCredits", () => {
    expect(videoCost(pricing, { seconds: 4, size: "720x1280" })).toBe(8);
    expect(videoCost(pricing, { seconds: 12, size: "1792x1024" })).toBe(38);
    expect(videoCost(pricing, { seconds: 1, size: null })).toBe(5);
    expect(videoCost(pricingSchema.parse({}), { seconds: 4 })).toBe(0);
  });
  it("the schema refuses negative rates, fractional credits and bad size keys", () => {
    for (const bad of [
      { perSecond: -1 },
      { perSecond: 1, fixedCreditsPerCall: 1.5 },
      { perSecond: 1, sizeFactors: { big: 2 } },
      { perSecond: 1, extra: true },
    ])
      expect(pricingSchema.safeParse({ "video.generate": bad }).success, JSON.stringify(bad)).toBe(
        false,
      );
  });
});

const input = (over: Partial<TaskInput> = {}): TaskInput => ({
  taskId: "video_1",
  kind: "video.generate",
  upstreamModel: "m",
  prompt: "p",
  params: { seconds: 8, size: "1280x720" },
  image: null,
  remixOfJobId: null,
  webhookUrl: null,
  ...over,
});

describe("parameter maps", () => {
  it("aspect ratios from sizes", () => {
    expect(["720x1280", "1280x720", "1024x1024", "1024x768", "768x1024"].map(aspectRatio)).toEqual([
      "9:16",
      "16:9",
      "1:1",
      "4:3",
      "3:4",
    ]);
  });
  it("Replicate: prompt, duration, aspect_ratio, image as a data URL (or our public URL)", () => {
    const image = {
      bytes: Buffer.from("abc"),
      mime: "image/png",
      filename: "r.png",
      publicUrl: null,
    };
    expect(replicateInput(input({ image }))).toEqual({
      prompt: "p",
      duration: 8,
      aspect_ratio: "16:9",
      image: "data:image/png;base64,YWJj",
    });
    expect(
      replicateInput(input({ kind: "image.generate", params: { n: 3, size: "1024x1024" } })),
    ).toEqual({
      prompt: "p",
      num_outputs: 3,
      aspect_ratio: "1:1",
    });
    expect(predictionTarget("https://r/v1", "owner/model")).toEqual({
      url: "https://r/v1/models/owner/model/predictions",
      version: null,
    });
    expect(predictionTarget("https://r/v1", "owner/model:abc")).toEqual({
      url: "https://r/v1/predictions",
      version: "abc",
    });
  });
  it("Kie: duration as a string, image_urls", () => {
    const image = {
      bytes: Buffer.from("x"),
      mime: "image/jpeg",
      filename: "r.jpg",
      publicUrl: "https://app/api/media/inputs/r.jpg",
    };
    expect(kieInput(input({ image }))).toEqual({
      prompt: "p",
      aspect_ratio: "16:9",
      duration: "8",
      image_urls: ["https://app/api/media/inputs/r.jpg"],
    });
  });
});

describe("answer parsing", () => {
  it("OpenAI video objects: status, progress, outputs on our own job URLs, scrubbed errors", () => {
    expect(parseVideoObject(access, "v1", { status: "in_progress", progress: 40 })).toEqual({
      state: "running",
      progress: 40,
    });
    const done = parseVideoObject(access, "v1", {
      status: "completed",
      completed_at: 1700000000.5,
      seconds: "8",
    });
    expect(done).toMatchObject({
      state: "succeeded",
      seconds: 8,
      outputs: [
        {
          type: "video",
          file: { url: "https://api.example.com/v1/videos/v1/content", auth: true },
          thumbnail: {
            url: "https://api.example.com/v1/videos/v1/content?variant=thumbnail",
            auth: true,
          },
        },
      ],
    });
    const failed = parseVideoObject(access, "v1", {
      status: "failed",
      error: { code: "moderation", message: "key sk-secret-key-123456 and org-secret-value" },
    });
    expect(JSON.stringify(failed)).not.toMatch(/sk-secret-key|org-secret-value/);
  });
  it("Replicate predictions: starting/processing/succeeded/failed/canceled, progress from logs", () => {
    expect(parsePrediction(access, { status: "starting" }, "video")).toEqual({
      state: "queued",
      progress: null,
    });
    expect(
      parsePrediction(access, { status: "processing", logs: " 10%|#\n 42%|####" }, "video"),
    ).toEqual({
      state: "running",
      progress: 42,
    });
    expect(
      parsePrediction(
        access,
        { status: "succeeded", output: ["https://x/a.png", "https://x/b.png"] },
        "image",
      ),
    ).toMatchObject({
      state: "succeeded",
      outputs: [{ type: "image" }, { type: "image" }],
    });
    expect(parsePrediction(access, { status: "succeeded", output: null }, "video")).toMatchObject({
      state: "failed",
    });
    expect(parsePrediction(access, { status: "canceled" }, "video")).toMatchObject({
      state: "failed",
      error: { code: "upstream_cancelled" },
    });
  });
  it("Kie records: states and resultJson", () => {
    expect(parseRecord(access, { state: "queuing" }, "video")).toEqual({
      state: "queued",
      progress: null,
    });
    expect(parseRecord(access, { state: "generating", progress: 55 }, "video")).toEqual({
      state: "running",
      progress: 55,
    });
    expect(
      parseRecord(
        access,
        {
          state: "success",
          resultJson: JSON.stringify({ resultUrls: ["https://k/v.mp4"] }),
          completeTime: 1,
        },
        "video",
      ),
    ).toMatchObject({
      state: "succeeded",
      outputs: [{ file: { url: "https://k/v.mp4", auth: false } }],
    });
    expect(parseRecord(access, { state: "success", resultJson: "oops" }, "video")).toMatchObject({
      state: "failed",
    });
    expect(parseRecord(access, { state: "fail", failMsg: "nsfw" }, "video")).toMatchObject({
      state: "failed",
      error: { message: "nsfw" },
    });
  });
});

describe("Replicate webhook signatures (Standard Webhooks)", () => {
  const secret = `whsec_${Buffer.from("0123456789abcdef0123456789abcdef").toString("base64")}`;
  const sign = (id: string, ts: string, body: string, key = secret) =>
    createHmac("sha256", Buffer.from(key.slice(6), "base64"))
      .update(`${id}.${ts}.${body}`)
      .digest("base64");
  const req = (headers: Record<string, string>, body = '{"id":"p1"}') => ({
    headers: new Headers(headers),
    body,
  });
  const now = Date.now();
  const ts = String(Math.floor(now / 1000));

  it("accepts a valid signature, also among several", () => {
    const sig = sign("msg_1", ts, '{"id":"p1"}');
    expect(
      verifySignature(
        secret,
        req({ "webhook-id": "msg_1", "webhook-timestamp": ts, "webhook-signature": `v1,${sig}` }),
        now,
      ),
    ).toBe(true);
    expect(
      verifySignature(
        secret,
        req({
          "webhook-id": "msg_1",
          "webhook-timestamp": ts,
          "webhook-signature": `v1,AAAA v1,${sig}`,
        }),
        now,
      ),
    ).toBe(true);
  });
  it("refuses a tampered body, a wrong secret, an old timestamp and missing headers", () => {
    const sig = sign("msg_1", ts, '{"id":"p1"}');
    const h = { "webhook-id": "msg_1", "webhook-timestamp": ts, "webhook-signature": `v1,${sig}` };
    expect(verifySignature(secret, req(h, '{"id":"p2"}'), now)).toBe(false);
    expect(
      verifySignature(
        `whsec_${Buffer.from("other-secret-other-secret-000000").toString("base64")}`,
        req(h),
        now,
      ),
    ).toBe(false);
    expect(verifySignature(secret, req(h), now + 10 * 60_000)).toBe(false);
    expect(
      verifySignature(secret, req({ "webhook-id": "msg_1", "webhook-timestamp": ts }), now),
    ).toBe(false);
  });
});

describe("poll scheduling", () => {
  it("closes in on the expected finish in a few polls, so watched progress rises", async () => {
    const { nextPollDelay } = await import("@/lib/tasks/runner/step");
    // A 6 s job: reported progress follows elapsed time linearly.
    const start = 0;
    let now = 1000;
    const polls: number[] = [];
    while (now < 6000 && polls.length < 20) {
      const progress = Math.min(99, Math.round((now / 6000) * 100));
      polls.push(progress);
      now += nextPollDelay(start, progress, now);
    }
    expect(polls.length).toBeGreaterThanOrEqual(4);
    expect(polls.length).toBeLessThanOrEqual(8);
    for (let i = 1; i < polls.length; i++) expect(polls[i]).toBeGreaterThan(polls[i - 1]);
    // The poll after the finish comes soon after it: the gap only ever halves.
    expect(now - 6000).toBeLessThan(600);
  });
});
