/**
 * A real HTTP server speaking a Kie-style job API (baseURL …/api/v1): POST /api/v1/jobs/createTask
 * ({model, callBackUrl?, input}) → {code:200, msg, data:{taskId}}; GET /api/v1/jobs/recordInfo
 * ?taskId= → {code:200, data:{state waiting|queuing|generating|success|fail, resultJson, failMsg,
 * progress, completeTime}} (advances one step per call, see task-jobs.ts); GET /api/v1/chat/credit.
 * Errors come as HTTP 200 with their own `code` (Kie's habit): script them with
 * enqueue({ status: 200, body: { code: 429, msg: "…" } }), or real HTTP errors with other statuses.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import {
  advance,
  type Job,
  newJob,
  readBody,
  Script,
  type Scripted,
  sendJson,
  serveFile,
  sleep,
} from "./task-jobs";

export type KieUpstream = {
  url: string;
  origin: string;
  jobs: Map<string, Job>;
  requests: { method: string; path: string; body: unknown; at: number }[];
  enqueue: (s: Scripted) => void;
  creates: (prompt: string) => number;
  reset: () => void;
  stop: () => Promise<void>;
};

export async function startKieUpstream(opts: { apiKey: string }): Promise<KieUpstream> {
  const jobs = new Map<string, Job>();
  const requests: KieUpstream["requests"] = [];
  const script = new Script();
  let origin = "";
  const record = (job: Job) => ({
    taskId: job.id,
    model: job.model,
    state: {
      queued: "waiting",
      running: "generating",
      succeeded: "success",
      failed: "fail",
      canceled: "fail",
    }[job.state],
    param: JSON.stringify({ model: job.model, input: job.input }),
    progress: job.state === "running" ? job.progress : undefined,
    resultJson:
      job.state === "succeeded"
        ? JSON.stringify({
            resultUrls: Array.from(
              { length: job.kind === "video" ? 1 : job.outputs },
              (_, i) => `${origin}/files/${job.id}/${i}.${job.kind === "video" ? "mp4" : "jpg"}`,
            ),
          })
        : "",
    failCode: job.state === "failed" ? "500" : null,
    failMsg: job.state === "failed" ? "scripted failure" : null,
    completeTime: job.completedAt,
    createTime: job.createdAt,
  });
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const raw = await readBody(req);
    const body = raw.length ? (JSON.parse(raw.toString()) as Record<string, unknown>) : null;
    requests.push({
      method: req.method ?? "GET",
      path: url.pathname + url.search,
      body,
      at: Date.now(),
    });
    if (serveFile(jobs, url.pathname, res)) return;
    const scripted = script.take(req.method ?? "GET", url.pathname);
    if (scripted?.delayMs) await sleep(scripted.delayMs);
    if (scripted?.status)
      return sendJson(
        res,
        scripted.status,
        scripted.body ?? { code: scripted.status, msg: "scripted" },
        scripted.headers,
      );
    if (req.headers.authorization !== `Bearer ${opts.apiKey}`)
      return sendJson(res, 200, { code: 401, msg: "Unauthorized" });
    if (url.pathname === "/api/v1/chat/credit")
      return sendJson(res, 200, { code: 200, msg: "success", data: 1000 });
    if (url.pathname === "/api/v1/jobs/createTask" && req.method === "POST") {
      const input = (body?.input ?? {}) as Record<string, unknown>;
      const prompt = String(input.prompt ?? "");
      if (!prompt) return sendJson(res, 200, { code: 422, msg: "prompt is required" });
      const model = String(body?.model ?? "");
      const job = newJob(`kie_${randomBytes(6).toString("hex")}`, prompt, {
        model,
        input,
        kind: "duration" in input || model.includes("video") ? "video" : "image",
        outputs: Number(input.num_images ?? 1),
        webhook: typeof body?.callBackUrl === "string" ? body.callBackUrl : null,
      });
      jobs.set(job.id, job);
      return sendJson(res, 200, { code: 200, msg: "success", data: { taskId: job.id } });
    }
    if (url.pathname === "/api/v1/jobs/recordInfo") {
      const job = jobs.get(url.searchParams.get("taskId") ?? "");
      if (!job) return sendJson(res, 200, { code: 404, msg: "task not found" });
      advance(job);
      return sendJson(res, 200, { code: 200, msg: "success", data: record(job) });
    }
    return sendJson(res, 404, { code: 404, msg: "no route" });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/api/v1`,
    origin,
    jobs,
    requests,
    enqueue: (s) => script.enqueue(s),
    creates: (prompt) => [...jobs.values()].filter((j) => j.prompt === prompt).length,
    reset() {
      requests.length = 0;
      script.clear();
    },
    stop: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
