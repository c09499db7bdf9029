import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { env } from "@/lib/env";
import { renderMockVideo } from "./video-render";

// The mock provider's /v1/videos: the OpenAI Videos wire, answered in process. A job goes
// queued → in_progress (progress rising with time) → completed after MOCK_VIDEO_MS, once its
// clip is rendered; a prompt with "#fail" fails halfway. Jobs live as small files under
// DATA_DIR/mock-provider, like a real provider's own records, so a restart of the app (even
// kill -9) finds them where it left them; clips are cached by what they show.

const SECONDS = new Set(["4", "8", "12"]);
const SIZES = new Set(["720x1280", "1280x720", "1024x1792", "1792x1024"]);

type Job = {
  id: string;
  model: string;
  prompt: string;
  seconds: string;
  size: string;
  createdAt: number;
  durationMs: number;
  fail: boolean;
  remixOf: string | null;
  render: string;
  hasReference: boolean;
};

const root = () => path.join(env.dataDir, "mock-provider");
const jobFile = (id: string) => path.join(root(), "videos", `${id}.json`);
const refFile = (id: string) => path.join(root(), "videos", `${id}.ref`);
const renderFile = (key: string, ext: "mp4" | "jpg") =>
  path.join(root(), "renders", `${key}.${ext}`);

const error = (status: number, message: string, param: string | null = null) =>
  Response.json(
    { error: { message, type: "invalid_request_error", code: "invalid_request", param } },
    { status },
  );

// A job never changes once written (only deleted), so a copy read once is kept: a burst of
// tasks polls thousands of times a second. Bounded; a miss reads the file again.
const jobCache = new Map<string, Job>();
const MAX_CACHED_JOBS = 5000;

async function readJob(id: string): Promise<Job | null> {
  if (!/^video_mock_[A-Za-z0-9_-]+$/.test(id)) return null;
  const hit = jobCache.get(id);
  if (hit) return hit;
  try {
    const job = JSON.parse(await fs.readFile(jobFile(id), "utf8")) as Job;
    if (jobCache.size >= MAX_CACHED_JOBS) jobCache.delete(jobCache.keys().next().value!);
    jobCache.set(id, job);
    return job;
  } catch {
    return null;
  }
}

async function writeJob(job: Job, reference: Buffer | null): Promise<void> {
  await fs.mkdir(path.dirname(jobFile(job.id)), { recursive: true });
  if (reference) await fs.writeFile(refFile(job.id), reference);
  const tmp = `${jobFile(job.id)}.${process.pid}.tmp`;
  await fs.writeFile(tmp, JSON.stringify(job));
  await fs.rename(tmp, jobFile(job.id));
}

// Renders in flight in this process, so 1,000 identical jobs render once.
const g = globalThis as unknown as { __aigcMockRenders?: Map<string, Promise<void>> };
const renders = (g.__aigcMockRenders ??= new Map());
let chain: Promise<unknown> = Promise.resolve();

// Clips are written once (renamed into place) and never change: remember when each appeared.
const renderedAt = new Map<string, number>();

async function exists(file: string): Promise<number | null> {
  const known = renderedAt.get(file);
  if (known !== undefined) return known;
  try {
    const mtime = (await fs.stat(file)).mtimeMs;
    renderedAt.set(file, mtime);
    return mtime;
  } catch {
    return null;
  }
}

/** Starts the job's render unless its clip exists or is being made; one render at a time. */
function ensureRender(job: Job): Promise<void> {
  let p = renders.get(job.render);
  if (p) return p;
  p = (async () => {
    if (await exists(renderFile(job.render, "mp4"))) return;
    const reference = job.hasReference
      ? await fs.readFile(refFile(job.id)).catch(() => null)
      : null;
    const [width, height] = job.size.split("x").map(Number);
    const out = await renderMockVideo({
      prompt: job.prompt,
      width,
      height,
      seconds: Number(job.seconds),
      reference,
    });
    await fs.mkdir(path.join(root(), "renders"), { recursive: true });
    const tmp = `${renderFile(job.render, "mp4")}.${process.pid}.tmp`;
    await fs.writeFile(renderFile(job.render, "jpg"), out.poster);
    await fs.writeFile(tmp, out.mp4);
    await fs.rename(tmp, renderFile(job.render, "mp4"));
  })();
  const queued = chain.then(() => p).finally(() => renders.delete(job.render));
  chain = queued.catch(() => undefined);
  renders.set(job.render, queued);
  return queued;
}

async function videoObject(job: Job) {
  const now = Date.now();
  const elapsed = now - job.createdAt;
  const base = {
    id: job.id,
    object: "video",
    model: job.model,
    created_at: Math.floor(job.createdAt / 1000),
    completed_at: null as number | null,
    expires_at: null,
    prompt: job.prompt,
    seconds: job.seconds,
    size: job.size,
    remixed_from_video_id: job.remixOf,
    error: null as { code: string; message: string } | null,
  };
  if (job.fail && elapsed >= job.durationMs / 2)
    return {
      ...base,
      status: "failed",
      progress: 50,
      error: { code: "generation_failed", message: "模拟失败：提示词包含 #fail" },
    };
  if (elapsed < job.durationMs * 0.1) return { ...base, status: "queued", progress: 0 };
  if (elapsed < job.durationMs)
    return {
      ...base,
      status: "in_progress",
      progress: Math.max(1, Math.min(99, Math.floor((elapsed / job.durationMs) * 100))),
    };
  const clipAt = await exists(renderFile(job.render, "mp4"));
  if (clipAt === null) {
    void ensureRender(job).catch(() => undefined);
    return { ...base, status: "in_progress", progress: 99 };
  }
  // Fractional seconds: when the clip was really ready (the later of the two).
  const done = Math.max(job.createdAt + job.durationMs, clipAt);
  return { ...base, status: "completed", progress: 100, completed_at: done / 1000 };
}

function renderKey(prompt: string, seconds: string, size: string, reference: Buffer | null) {
  const h = createHash("sha256").update(`${prompt}\u0000${seconds}\u0000${size}\u0000`);
  if (reference) h.update(reference);
  return h.digest("base64url").slice(0, 32);
}

async function createJob(fields: {
  model: string;
  prompt: string;
  seconds: string;
  size: string;
  reference: Buffer | null;
  remixOf: string | null;
}): Promise<Response> {
  const job: Job = {
    id: `video_mock_${randomBytes(12).toString("base64url")}`,
    model: fields.model,
    prompt: fields.prompt,
    seconds: fields.seconds,
    size: fields.size,
    createdAt: Date.now(),
    durationMs: env.MOCK_VIDEO_MS,
    fail: fields.prompt.includes("#fail"),
    remixOf: fields.remixOf,
    render: renderKey(fields.prompt, fields.seconds, fields.size, fields.reference),
    hasReference: !!fields.reference,
  };
  await writeJob(job, fields.reference);
  if (jobCache.size < MAX_CACHED_JOBS) jobCache.set(job.id, job);
  if (!job.fail) void ensureRender(job).catch(() => undefined);
  return Response.json(await videoObject(job));
}

async function create(req: Request): Promise<Response> {
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return error(400, "body must be multipart/form-data");
  }
  const prompt = String(form.get("prompt") ?? "").trim();
  if (!prompt) return error(400, "prompt is required", "prompt");
  const seconds = String(form.get("seconds") ?? "4");
  const size = String(form.get("size") ?? "720x1280");
  if (!SECONDS.has(seconds)) return error(400, "seconds must be 4, 8 or 12", "seconds");
  if (!SIZES.has(size)) return error(400, "unsupported size", "size");
  const file = form.get("input_reference");
  const reference = file && typeof file !== "string" ? Buffer.from(await file.arrayBuffer()) : null;
  return createJob({
    model: String(form.get("model") ?? "mock-video"),
    prompt,
    seconds,
    size,
    reference,
    remixOf: null,
  });
}

async function content(job: Job, variant: string | null): Promise<Response> {
  const obj = await videoObject(job);
  if (obj.status !== "completed") return error(409, "video is not completed yet");
  const thumb = variant === "thumbnail";
  const file = renderFile(job.render, thumb ? "jpg" : "mp4");
  const stat = await fs.stat(file).catch(() => null);
  if (!stat) return error(404, "content not found");
  return new Response(Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": thumb ? "image/jpeg" : "video/mp4",
      "content-length": String(stat.size),
    },
  });
}

/** Routes /videos… for mockFetch; null when the path is not a videos path. */
export async function mockVideos(req: Request, pathname: string): Promise<Response | null> {
  const m = /\/videos(?:\/([^/]+))?(\/content|\/remix)?$/.exec(pathname);
  if (!m) return null;
  const [, id, tail] = m;
  if (!id) return req.method === "POST" ? create(req) : error(404, "not found");
  const job = await readJob(decodeURIComponent(id));
  if (!job) return error(404, `video ${id} not found`);
  if (tail === "/content" && req.method === "GET")
    return content(job, new URL(req.url).searchParams.get("variant"));
  if (tail === "/remix" && req.method === "POST") {
    const body = (await req.json().catch(() => ({}))) as { prompt?: unknown };
    const prompt = typeof body.prompt === "string" ? body.prompt.trim() : "";
    if (!prompt) return error(400, "prompt is required", "prompt");
    const reference = job.hasReference
      ? await fs.readFile(refFile(job.id)).catch(() => null)
      : null;
    return createJob({ ...job, prompt, reference, remixOf: job.id });
  }
  if (!tail && req.method === "GET") return Response.json(await videoObject(job));
  if (!tail && req.method === "DELETE") {
    jobCache.delete(job.id);
    await fs.rm(jobFile(job.id), { force: true });
    await fs.rm(refFile(job.id), { force: true });
    return Response.json({ id: job.id, object: "video.deleted", deleted: true });
  }
  return error(404, "not found");
}
