/**
 * A real HTTP server speaking the OpenAI Videos API (contract §8's own wire), for the
 * openaiLike task adapter: POST /v1/videos (multipart), GET /v1/videos/:id (advances the job one
 * step, see task-jobs.ts), GET /v1/videos/:id/content[?variant=thumbnail], POST …/remix,
 * DELETE /v1/videos/:id. Requires `Authorization: Bearer <apiKey>` on /v1.
 *
 *   const up = await startVideoUpstream({ apiKey: "sk-video" });
 *   up.url            // http://127.0.0.1:<port>/v1
 *   up.jobs           // Map id → Job
 *   up.requests       // { method, path }[]
 *   up.enqueue({ path?, method?, status?, body?, headers?, delayMs? })  // next matching request
 *   up.creates(prompt)  // how many jobs were created with this prompt
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import busboy from "busboy";
import {
  advance,
  type Job,
  newJob,
  readBody,
  Script,
  type Scripted,
  sendJson,
  sleep,
  VIDEO_BYTES,
  POSTER_BYTES,
} from "./task-jobs";

export type VideoUpstream = {
  url: string;
  jobs: Map<string, Job>;
  requests: { method: string; path: string; at: number }[];
  forms: Record<string, string | { filename: string; size: number; mimeType: string }>[];
  enqueue: (s: Scripted) => void;
  creates: (prompt: string) => number;
  reset: () => void;
  stop: () => Promise<void>;
};

function parseForm(
  req: http.IncomingMessage,
  raw: Buffer,
): Promise<Record<string, string | { filename: string; size: number; mimeType: string }>> {
  return new Promise((resolve, reject) => {
    const out: Record<string, string | { filename: string; size: number; mimeType: string }> = {};
    const bb = busboy({ headers: req.headers });
    bb.on("field", (name, value) => (out[name] = value));
    bb.on("file", (name, stream, info) => {
      let size = 0;
      stream.on("data", (d: Buffer) => (size += d.length));
      stream.on(
        "end",
        () => (out[name] = { filename: info.filename ?? "", size, mimeType: info.mimeType }),
      );
    });
    bb.on("close", () => resolve(out));
    bb.on("error", reject);
    bb.end(raw);
  });
}

function videoObject(job: Job) {
  const status =
    job.state === "running"
      ? "in_progress"
      : job.state === "succeeded"
        ? "completed"
        : job.state === "canceled"
          ? "failed"
          : job.state;
  return {
    id: job.id,
    object: "video",
    model: job.model,
    status,
    progress: job.progress,
    created_at: Math.floor(job.createdAt / 1000),
    completed_at: job.completedAt ? job.completedAt / 1000 : null,
    expires_at: null,
    prompt: job.prompt,
    seconds: String(job.input.seconds ?? "4"),
    size: String(job.input.size ?? "720x1280"),
    remixed_from_video_id: (job.input.remixOf as string) ?? null,
    error:
      job.state === "failed"
        ? { code: "moderation_blocked", message: "scripted failure for sk-video-secret-key" }
        : null,
  };
}

export async function startVideoUpstream(opts: { apiKey?: string } = {}): Promise<VideoUpstream> {
  const jobs = new Map<string, Job>();
  const requests: VideoUpstream["requests"] = [];
  const forms: VideoUpstream["forms"] = [];
  const script = new Script();
  let seq = 0;
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const raw = await readBody(req);
    requests.push({ method: req.method ?? "GET", path: url.pathname + url.search, at: Date.now() });
    const scripted = script.take(req.method ?? "GET", url.pathname);
    if (scripted?.delayMs) await sleep(scripted.delayMs);
    if (scripted?.status)
      return sendJson(
        res,
        scripted.status,
        scripted.body ?? { error: { message: "scripted" } },
        scripted.headers,
      );
    if (opts.apiKey && req.headers.authorization !== `Bearer ${opts.apiKey}`)
      return sendJson(res, 401, { error: { message: "bad key", type: "invalid_request_error" } });
    const m = /^\/v1\/videos(?:\/([^/]+))?(\/content|\/remix)?$/.exec(url.pathname);
    if (!m) return sendJson(res, 404, { error: { message: "no route" } });
    const [, id, tail] = m;
    if (!id && req.method === "POST") {
      const form = await parseForm(req, raw);
      forms.push(form);
      const prompt = String(form.prompt ?? "");
      if (!prompt) return sendJson(res, 400, { error: { message: "prompt required" } });
      const job = newJob(`vid_up_${++seq}`, prompt, {
        model: String(form.model),
        input: { seconds: form.seconds, size: form.size },
        kind: "video",
      });
      jobs.set(job.id, job);
      return sendJson(res, 200, videoObject(job));
    }
    const job = id ? jobs.get(id) : undefined;
    if (!job) return sendJson(res, 404, { error: { message: "video not found" } });
    if (tail === "/remix" && req.method === "POST") {
      const body = JSON.parse(raw.toString() || "{}") as { prompt?: string };
      const remix = newJob(`vid_up_${++seq}`, body.prompt ?? "", {
        model: job.model,
        input: { ...job.input, remixOf: job.id },
        kind: "video",
      });
      jobs.set(remix.id, remix);
      return sendJson(res, 200, videoObject(remix));
    }
    if (tail === "/content") {
      if (job.state !== "succeeded") return sendJson(res, 409, { error: { message: "not ready" } });
      job.downloads++;
      if (job.expired) return sendJson(res, 410, { error: { message: "expired" } });
      const thumb = url.searchParams.get("variant") === "thumbnail";
      if (thumb && job.noThumb) return sendJson(res, 404, { error: { message: "no thumbnail" } });
      const bytes = thumb
        ? POSTER_BYTES
        : job.badFile
          ? Buffer.from("<html>oops</html>")
          : VIDEO_BYTES;
      res.writeHead(200, {
        "content-type": thumb ? "image/jpeg" : "video/mp4",
        "content-length": String(bytes.length),
      });
      return res.end(bytes);
    }
    if (req.method === "DELETE") {
      job.state = job.state === "succeeded" ? job.state : "canceled";
      return sendJson(res, 200, { id: job.id, object: "video.deleted", deleted: true });
    }
    advance(job);
    return sendJson(res, 200, videoObject(job));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    jobs,
    requests,
    forms,
    enqueue: (s) => script.enqueue(s),
    creates: (prompt) => [...jobs.values()].filter((j) => j.prompt === prompt).length,
    reset() {
      requests.length = 0;
      forms.length = 0;
      script.clear();
    },
    stop: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
