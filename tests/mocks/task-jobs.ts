/**
 * The scripted job life shared by the fake task providers (openai-videos-server, replicate-server,
 * kie-server): a job advances one state per poll — queued → running (progress rising) →
 * succeeded | failed — so tests are deterministic, or on a timer (`completeAfterMs`) for webhook
 * tests. Prompt tags script one job:
 *   #fail       the job fails               #expired   its result URL answers 410
 *   #queued=N   N polls answered "queued"    #running=N N polls answered "running" (default 2)
 *   #nothumb    no thumbnail (video wire)    #bad       the "video" is not a video
 * Requests can be scripted too (429s, 5xx, slow answers) with `enqueue`, as in openai-server.ts.
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

export type JobState = "queued" | "running" | "succeeded" | "failed" | "canceled";

export type Job = {
  id: string;
  prompt: string;
  model: string;
  input: Record<string, unknown>;
  state: JobState;
  progress: number;
  polls: number;
  queuedPolls: number;
  runningPolls: number;
  fail: boolean;
  expired: boolean;
  noThumb: boolean;
  badFile: boolean;
  outputs: number;
  kind: "video" | "image";
  webhook: string | null;
  createdAt: number;
  completedAt: number | null;
  downloads: number;
  /** The result picture, when the job made one from its input (image tools); else a fixed file. */
  file?: Promise<Buffer>;
};

export type Scripted = {
  path?: string;
  method?: string;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
};

export const VIDEO_BYTES = fs.readFileSync(path.resolve("seed-media/aurora.mp4"));
export const POSTER_BYTES = fs.readFileSync(path.resolve("seed-media/aurora.jpg"));

const tag = (prompt: string, name: string) => {
  const m = new RegExp(`#${name}=(\\d+)`).exec(prompt);
  return m ? Number(m[1]) : null;
};

export function newJob(
  id: string,
  prompt: string,
  fields: {
    model: string;
    input: Record<string, unknown>;
    kind: "video" | "image";
    outputs?: number;
    webhook?: string | null;
  },
): Job {
  return {
    id,
    prompt,
    model: fields.model,
    input: fields.input,
    state: "queued",
    progress: 0,
    polls: 0,
    queuedPolls: tag(prompt, "queued") ?? 1,
    runningPolls: tag(prompt, "running") ?? 2,
    fail: prompt.includes("#fail"),
    expired: prompt.includes("#expired"),
    noThumb: prompt.includes("#nothumb"),
    badFile: prompt.includes("#bad"),
    outputs: fields.outputs ?? 1,
    kind: fields.kind,
    webhook: fields.webhook ?? null,
    createdAt: Date.now(),
    completedAt: null,
    downloads: 0,
  };
}

/** Advances a job by one poll; returns true when it just became terminal. */
export function advance(job: Job): boolean {
  if (job.state === "succeeded" || job.state === "failed" || job.state === "canceled") return false;
  job.polls++;
  if (job.polls <= job.queuedPolls) return false;
  if (job.polls <= job.queuedPolls + job.runningPolls) {
    job.state = "running";
    job.progress = Math.round(((job.polls - job.queuedPolls) / (job.runningPolls + 1)) * 100);
    return false;
  }
  return finish(job);
}

export function finish(job: Job): boolean {
  if (job.state === "succeeded" || job.state === "failed" || job.state === "canceled") return false;
  job.state = job.fail ? "failed" : "succeeded";
  job.progress = job.fail ? job.progress : 100;
  job.completedAt = Date.now();
  return true;
}

export async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A scripted-request queue: the next matching request is answered from it. */
export class Script {
  private items: Scripted[] = [];
  enqueue(s: Scripted) {
    this.items.push(s);
  }
  take(method: string, pathname: string): Scripted | null {
    const i = this.items.findIndex(
      (s) => (!s.path || pathname.endsWith(s.path)) && (!s.method || s.method === method),
    );
    return i === -1 ? null : this.items.splice(i, 1)[0];
  }
  clear() {
    this.items = [];
  }
}

export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** Serves /files/<job>/<n>.<ext>: the result files, or 410 when the job's URL "expired". */
export function serveFile(
  jobs: Map<string, Job>,
  pathname: string,
  res: http.ServerResponse,
): boolean {
  const m = /^\/files\/([^/]+)\/(\d+)\.(mp4|png|jpg)$/.exec(pathname);
  if (!m) return false;
  const job = jobs.get(m[1]);
  if (!job || job.state !== "succeeded") {
    res.writeHead(404).end("not found");
    return true;
  }
  job.downloads++;
  if (job.expired) {
    res.writeHead(410, { "content-type": "text/plain" }).end("URL expired");
    return true;
  }
  const type = m[3] === "mp4" ? "video/mp4" : m[3] === "png" ? "image/png" : "image/jpeg";
  const send = (bytes: Buffer) => {
    res.writeHead(200, { "content-type": type, "content-length": String(bytes.length) });
    res.end(bytes);
  };
  if (job.file && !job.badFile) {
    void job.file.then(send, () => res.writeHead(500).end("render failed"));
    return true;
  }
  send(
    job.badFile
      ? Buffer.from("<html>not a video</html>")
      : m[3] === "mp4"
        ? VIDEO_BYTES
        : POSTER_BYTES,
  );
  return true;
}
