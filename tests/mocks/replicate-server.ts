/**
 * A real HTTP server speaking Replicate's predictions API, for the replicate task adapter:
 * POST /v1/predictions ({version, input, webhook, webhook_events_filter}),
 * POST /v1/models/:owner/:name/predictions, GET /v1/predictions/:id (advances one step, see
 * task-jobs.ts), POST /v1/predictions/:id/cancel, GET /v1/webhooks/default/secret, GET /v1/account.
 * Outputs are URLs under /files/ on this server (410 once "#expired"). With `completeAfterMs`,
 * jobs finish on a timer instead of by polls, and a signed webhook (Standard Webhooks, as
 * Replicate signs them) is POSTed to the prediction's webhook URL.
 *
 *   up.sendWebhook(id, { times?, tamper? })   // (re)deliver the completion webhook
 */
import { createHmac, randomBytes } from "node:crypto";
import http from "node:http";
import sharp from "sharp";
import type { AddressInfo } from "node:net";
import {
  advance,
  finish,
  type Job,
  newJob,
  readBody,
  Script,
  type Scripted,
  sendJson,
  serveFile,
  sleep,
} from "./task-jobs";

export type ReplicateUpstream = {
  url: string;
  origin: string;
  secret: string;
  jobs: Map<string, Job>;
  requests: { method: string; path: string; body: unknown; at: number }[];
  webhookResults: number[];
  enqueue: (s: Scripted) => void;
  /** Timer mode: each job finishes after this many ms (or the function's answer for it), then
   * sends its webhook; `#never` jobs never finish. null = finish by polls. */
  setCompleteAfterMs: (ms: number | ((job: Job) => number) | null) => void;
  sendWebhook: (id: string, opts?: { times?: number; tamper?: boolean }) => Promise<number[]>;
  creates: (prompt: string) => number;
  reset: () => void;
  stop: () => Promise<void>;
};

export async function startReplicateUpstream(opts: { apiKey: string }): Promise<ReplicateUpstream> {
  const jobs = new Map<string, Job>();
  const requests: ReplicateUpstream["requests"] = [];
  const webhookResults: number[] = [];
  const script = new Script();
  const secret = `whsec_${randomBytes(24).toString("base64")}`;
  let completeAfterMs: number | ((job: Job) => number) | null = null;
  let seq = 0;
  let origin = "";

  const prediction = (job: Job) => ({
    id: job.id,
    model: job.model,
    version: "v1",
    input: job.input,
    logs: job.state === "running" ? `step\n ${job.progress}%|#####     | 5/10` : "",
    output:
      job.state === "succeeded"
        ? job.kind === "video"
          ? `${origin}/files/${job.id}/0.mp4`
          : Array.from(
              { length: job.outputs },
              (_, i) => `${origin}/files/${job.id}/${i}.${job.file ? "png" : "jpg"}`,
            )
        : null,
    error: job.state === "failed" ? `scripted failure (token ${opts.apiKey})` : null,
    status:
      job.state === "queued" ? "starting" : job.state === "running" ? "processing" : job.state,
    created_at: new Date(job.createdAt).toISOString(),
    completed_at: job.completedAt ? new Date(job.completedAt).toISOString() : null,
    urls: {
      get: `${origin}/v1/predictions/${job.id}`,
      cancel: `${origin}/v1/predictions/${job.id}/cancel`,
    },
  });

  async function sendWebhook(id: string, o: { times?: number; tamper?: boolean } = {}) {
    const job = jobs.get(id);
    if (!job?.webhook) return [];
    const statuses: number[] = [];
    for (let i = 0; i < (o.times ?? 1); i++) {
      const body = JSON.stringify(prediction(job));
      const msgId = `msg_${job.id}`;
      const ts = String(Math.floor(Date.now() / 1000));
      const key = Buffer.from(secret.slice("whsec_".length), "base64");
      let sig = createHmac("sha256", key).update(`${msgId}.${ts}.${body}`).digest("base64");
      if (o.tamper) sig = createHmac("sha256", "wrong").update(body).digest("base64");
      const res = await fetch(job.webhook, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "webhook-id": msgId,
          "webhook-timestamp": ts,
          "webhook-signature": `v1,${sig}`,
        },
        body,
      }).catch(() => null);
      statuses.push(res?.status ?? 0);
      webhookResults.push(res?.status ?? 0);
    }
    return statuses;
  }

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const raw = await readBody(req);
    let body: unknown = null;
    try {
      body = raw.length ? JSON.parse(raw.toString()) : null;
    } catch {
      body = raw.toString();
    }
    requests.push({ method: req.method ?? "GET", path: url.pathname, body, at: Date.now() });
    if (serveFile(jobs, url.pathname, res)) return;
    const scripted = script.take(req.method ?? "GET", url.pathname);
    if (scripted?.delayMs) await sleep(scripted.delayMs);
    if (scripted?.status)
      return sendJson(
        res,
        scripted.status,
        scripted.body ?? { detail: "scripted" },
        scripted.headers,
      );
    if (req.headers.authorization !== `Bearer ${opts.apiKey}`)
      return sendJson(res, 401, {
        title: "Unauthenticated",
        detail: "You did not pass a valid authentication token",
        status: 401,
      });
    const p = url.pathname;
    if (p === "/v1/account") return sendJson(res, 200, { type: "user", username: "tester" });
    if (p === "/v1/webhooks/default/secret") return sendJson(res, 200, { key: secret });
    const create = p === "/v1/predictions" || /^\/v1\/models\/[^/]+\/[^/]+\/predictions$/.test(p);
    if (create && req.method === "POST") {
      const b = (body ?? {}) as {
        version?: string;
        input?: Record<string, unknown>;
        webhook?: string;
      };
      const image = typeof b.input?.image === "string" ? b.input.image : null;
      // Image tool models (Real-ESRGAN, rembg…) take an image and no prompt.
      const prompt = String(b.input?.prompt ?? (image ? "image tool" : ""));
      if (!prompt) return sendJson(res, 422, { detail: "input.prompt is required", status: 422 });
      const model =
        p === "/v1/predictions" ? String(b.version) : p.split("/").slice(3, 5).join("/");
      const isVideo = "duration" in (b.input ?? {}) || model.includes("video");
      const job = newJob(`rp${++seq}${randomBytes(3).toString("hex")}`, prompt, {
        model,
        input: b.input ?? {},
        kind: isVideo ? "video" : "image",
        outputs: Number(b.input?.num_outputs ?? 1),
        webhook: b.webhook ?? null,
      });
      // Real-ESRGAN's wire: `image` (a URL or data URL) scaled by `scale`, as a PNG.
      const data = image ? /^data:[^;]+;base64,(.*)$/s.exec(image) : null;
      if (data && typeof b.input?.scale === "number") {
        const src = Buffer.from(data[1], "base64");
        const scale = b.input.scale;
        job.file = sharp(src)
          .metadata()
          .then((m) =>
            sharp(src)
              .resize(m.width! * scale, m.height! * scale)
              .png()
              .toBuffer(),
          );
        job.outputs = 1;
      }
      jobs.set(job.id, job);
      if (completeAfterMs !== null && !prompt.includes("#never")) {
        const ms = typeof completeAfterMs === "function" ? completeAfterMs(job) : completeAfterMs;
        setTimeout(() => {
          if (job.state === "canceled") return;
          job.state = "running";
          if (finish(job)) void sendWebhook(job.id);
        }, ms);
      }
      return sendJson(res, 201, prediction(job));
    }
    const m = /^\/v1\/predictions\/([^/]+)(\/cancel)?$/.exec(p);
    const job = m ? jobs.get(m[1]) : undefined;
    if (!job) return sendJson(res, 404, { detail: "Not found." });
    if (m![2] && req.method === "POST") {
      if (job.state === "queued" || job.state === "running") job.state = "canceled";
      return sendJson(res, 200, prediction(job));
    }
    if (completeAfterMs === null) advance(job);
    return sendJson(res, 200, prediction(job));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/v1`,
    origin,
    secret,
    jobs,
    requests,
    webhookResults,
    enqueue: (s) => script.enqueue(s),
    setCompleteAfterMs: (ms) => (completeAfterMs = ms),
    sendWebhook,
    creates: (prompt) => [...jobs.values()].filter((j) => j.prompt === prompt).length,
    reset() {
      requests.length = 0;
      webhookResults.length = 0;
      script.clear();
      completeAfterMs = null;
    },
    stop: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
