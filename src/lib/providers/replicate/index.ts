import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { accessSecrets, type ProviderAccess } from "../access";
import { scrubSecrets } from "../errors";
import { openAiCompatible } from "../openai-compatible";
import { callProvider } from "../task-http";
import {
  type PollResult,
  type TaskAdapter,
  type TaskInput,
  TaskUpstreamError,
  type WebhookRequest,
} from "../task-types";
import { cancelUrl, predictionTarget, predictionUrl, webhookSecretUrl } from "./api";

// Replicate predictions as tasks: POST a prediction, GET it until it ends, cancel it; signed
// webhooks (Standard Webhooks: HMAC-SHA256 over "id.timestamp.body" with the account's
// whsec_ secret) tell us early, polling stays as the fallback. Output URLs expire after an hour,
// which is why results are downloaded as soon as a prediction succeeds.

type Prediction = {
  id?: unknown;
  status?: unknown;
  output?: unknown;
  error?: unknown;
  logs?: unknown;
  completed_at?: unknown;
};

/** Aspect ratio of a "WxH" size, as Replicate models name it ("16:9", "9:16", "1:1"). */
export function aspectRatio(size: string | undefined): string | undefined {
  const m = size ? /^(\d+)x(\d+)$/.exec(size) : null;
  if (!m) return undefined;
  const [w, h] = [Number(m[1]), Number(m[2])];
  const r = w / h;
  if (Math.abs(r - 1) < 0.05) return "1:1";
  if (r > 1) return r > 1.6 ? "16:9" : "4:3";
  return r < 0.625 ? "9:16" : "3:4";
}

const dataUrl = (img: NonNullable<TaskInput["image"]>) =>
  img.publicUrl ?? `data:${img.mime};base64,${img.bytes.toString("base64")}`;

/**
 * Image tools as Replicate model input, by the names the common tool models take: Real-ESRGAN
 * (`image`, `scale`), rembg-style background removers (`image`), and for outpainting and
 * background replacement the margins / backdrop by plain names. The result is fitted to the
 * exact promised size afterwards, whatever the model returns.
 */
export function replicateToolInput(input: TaskInput): Record<string, unknown> {
  const spec = input.tool!.spec;
  const out: Record<string, unknown> = {};
  if (input.image) out.image = dataUrl(input.image);
  if (spec.op === "image.upscale") {
    out.scale = Math.ceil(spec.scale - 1e-9);
    out.face_enhance = false;
  } else if (spec.op === "image.outpaint") {
    Object.assign(out, {
      left: spec.left,
      right: spec.right,
      top: spec.up,
      bottom: spec.down,
      creativity: spec.creativity,
    });
    if (spec.prompt) out.prompt = spec.prompt;
  } else if (spec.mode === "replace") {
    if (spec.prompt) out.prompt = spec.prompt;
    if (spec.color) out.background_color = spec.color;
    if (input.background) out.background_image = dataUrl(input.background);
  }
  return out;
}

/** Our task input as Replicate model input: the common names most models use, as data. */
export function replicateInput(input: TaskInput): Record<string, unknown> {
  if (input.tool) return replicateToolInput(input);
  const out: Record<string, unknown> = { prompt: input.prompt };
  const ratio = aspectRatio(input.params.size);
  if (ratio) out.aspect_ratio = ratio;
  if (input.kind === "video.generate") {
    if (input.params.seconds) out.duration = input.params.seconds;
    if (input.image) out.image = dataUrl(input.image);
  } else {
    if (input.params.n && input.params.n > 1) out.num_outputs = input.params.n;
    if (input.image) out.image = dataUrl(input.image);
  }
  return out;
}

function lastPercent(logs: unknown): number | null {
  if (typeof logs !== "string") return null;
  const all = [...logs.matchAll(/(\d{1,3})%\|/g)];
  const last = all.length ? Number(all[all.length - 1][1]) : NaN;
  return Number.isFinite(last) && last <= 100 ? last : null;
}

export function parsePrediction(
  access: ProviderAccess,
  p: Prediction,
  kind: "video" | "image",
): PollResult {
  switch (p.status) {
    case "starting":
      return { state: "queued", progress: null };
    case "processing":
      return { state: "running", progress: lastPercent(p.logs) };
    case "succeeded": {
      const urls = (Array.isArray(p.output) ? p.output : [p.output]).filter(
        (u): u is string => typeof u === "string" && /^https?:\/\//.test(u),
      );
      if (!urls.length)
        return {
          state: "failed",
          error: { code: "upstream_error", message: "上游没有返回结果文件" },
        };
      const at = typeof p.completed_at === "string" ? new Date(p.completed_at) : null;
      return {
        state: "succeeded",
        completedAt: at && !Number.isNaN(at.getTime()) ? at : null,
        seconds: null,
        outputs: urls.map((url) => ({ type: kind, file: { url, auth: false }, thumbnail: null })),
      };
    }
    case "failed":
    case "canceled":
    case "aborted": {
      const message =
        typeof p.error === "string" && p.error
          ? scrubSecrets(p.error, accessSecrets(access))
          : p.status === "failed"
            ? "生成失败"
            : "上游已取消该任务";
      return {
        state: "failed",
        error: { code: p.status === "failed" ? "upstream_error" : "upstream_cancelled", message },
      };
    }
    default:
      return { state: "running", progress: null };
  }
}

// The account's signing secret, per provider key; refreshed when a signature does not verify
// (the secret may have been rotated).
const g = globalThis as unknown as { __aigcReplicateSecrets?: Map<string, string> };
const secrets = (g.__aigcReplicateSecrets ??= new Map());

async function signingSecret(access: ProviderAccess, refresh: boolean): Promise<string | null> {
  const cacheKey = `${access.baseURL}\u0000${access.apiKey ?? ""}`;
  if (!refresh && secrets.has(cacheKey)) return secrets.get(cacheKey)!;
  const body = (await callProvider(access, webhookSecretUrl(access.baseURL))) as { key?: unknown };
  if (typeof body?.key !== "string") return null;
  secrets.set(cacheKey, body.key);
  return body.key;
}

const TOLERANCE_S = 5 * 60;

/** Standard Webhooks verification; any of the space-separated v1 signatures may match. */
export function verifySignature(secret: string, req: WebhookRequest, now = Date.now()): boolean {
  const id = req.headers.get("webhook-id");
  const ts = req.headers.get("webhook-timestamp");
  const sigs = req.headers.get("webhook-signature");
  if (!id || !ts || !sigs) return false;
  const seconds = Number(ts);
  if (!Number.isFinite(seconds) || Math.abs(now / 1000 - seconds) > TOLERANCE_S) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = createHmac("sha256", key).update(`${id}.${ts}.${req.body}`).digest();
  return sigs.split(" ").some((entry) => {
    const [version, value] = entry.split(",");
    if (version !== "v1" || !value) return false;
    const given = Buffer.from(value, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

export const replicateTasks: TaskAdapter = {
  operations: [
    "video.generate",
    "image.generate",
    "image.edit",
    "image.upscale",
    "image.outpaint",
    "image.background",
  ],
  remix: false,
  async submit(access, input, signal) {
    const target = predictionTarget(access.baseURL, input.upstreamModel);
    const body: Record<string, unknown> = { input: replicateInput(input) };
    if (target.version) body.version = target.version;
    if (input.webhookUrl) {
      body.webhook = input.webhookUrl;
      body.webhook_events_filter = ["completed"];
    }
    const res = (await callProvider(access, target.url, { json: body, signal })) as Prediction;
    if (typeof res?.id !== "string" || !res.id)
      throw new TaskUpstreamError(`上游服务 ${access.slug} 没有返回 prediction id`, false);
    return res.id;
  },
  async poll(access, jobId, kind, signal) {
    const p = (await callProvider(access, predictionUrl(access.baseURL, jobId), {
      signal,
    })) as Prediction;
    return parsePrediction(access, p ?? {}, kind === "video.generate" ? "video" : "image");
  },
  async cancel(access, jobId) {
    await callProvider(access, cancelUrl(access.baseURL, jobId), {
      method: "POST",
    }).catch(() => undefined);
  },
  async verifyWebhook(access, req) {
    const secret = await signingSecret(access, false).catch(() => null);
    if (secret && verifySignature(secret, req)) return true;
    const fresh = await signingSecret(access, true).catch(() => null);
    return !!fresh && fresh !== secret && verifySignature(fresh, req);
  },
};

export const replicateAdapter = {
  ...openAiCompatible("replicate"),
  tasks: replicateTasks,
  testPath: "account",
};
