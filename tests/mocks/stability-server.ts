/**
 * A real HTTP server speaking Stability AI's v2beta REST API, for the `stability` provider kind:
 * multipart requests (busboy), `Authorization: Bearer`, `Accept: image/*` (the picture's bytes,
 * with `finish-reason` and `seed` headers) or `application/json` ({image: base64, finish_reason,
 * seed}), errors as {id, name, errors: [...]}.
 *   sync   POST /v2beta/stable-image/upscale/fast          (4× the input)
 *          POST /v2beta/stable-image/upscale/conservative  (prompt required; ~4 MP out)
 *          POST /v2beta/stable-image/edit/outpaint         (left/right/up/down, grey margins)
 *          POST /v2beta/stable-image/edit/remove-background (png/webp; near-white → transparent)
 *          POST /v2beta/stable-image/edit/search-and-replace
 *   async  POST /v2beta/stable-image/upscale/creative                    → {id}
 *          POST /v2beta/stable-image/edit/replace-background-and-relight → {id}
 *          GET  /v2beta/results/{id}: 202 {id, status:"in-progress"} for `resultPolls` polls, then
 *          the picture (404 for an unknown id)
 *          GET  /v1/user/balance
 * Prompt tags: "#fail" → 400 whose message echoes the API key (to check scrubbing); "#filtered"
 * → finish-reason CONTENT_FILTERED. Requests can be scripted (429s, 5xx) with `enqueue`.
 */
import busboy from "busboy";
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import sharp, { type Sharp } from "sharp";
import { Script, type Scripted, sendJson, sleep } from "./task-jobs";

type Form = { fields: Record<string, string>; files: Record<string, Buffer> };
type AsyncJob = { id: string; polls: number; result: Buffer; format: string; filtered: boolean };

export type StabilityUpstream = {
  url: string;
  requests: {
    method: string;
    path: string;
    accept: string | null;
    fields: Record<string, string>;
    files: Record<string, number>;
  }[];
  jobs: Map<string, AsyncJob>;
  enqueue: (s: Scripted) => void;
  setResultPolls: (n: number) => void;
  reset: () => void;
  stop: () => Promise<void>;
};

function readForm(req: http.IncomingMessage): Promise<Form> {
  return new Promise((resolve, reject) => {
    const form: Form = { fields: {}, files: {} };
    const type = req.headers["content-type"] ?? "";
    if (!type.startsWith("multipart/form-data")) {
      req.resume();
      resolve(form);
      return;
    }
    const bb = busboy({ headers: req.headers });
    bb.on("field", (name, value) => (form.fields[name] = value));
    bb.on("file", (name, stream) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => (form.files[name] = Buffer.concat(chunks)));
    });
    bb.on("close", () => resolve(form));
    bb.on("error", reject);
    req.pipe(bb);
  });
}

const FORMATS = new Set(["png", "jpeg", "webp"]);

async function encode(img: Sharp, format: string): Promise<Buffer> {
  if (format === "jpeg") return img.jpeg().toBuffer();
  if (format === "webp") return img.webp().toBuffer();
  return img.png().toBuffer();
}

export async function startStabilityUpstream(opts: { apiKey: string }): Promise<StabilityUpstream> {
  const requests: StabilityUpstream["requests"] = [];
  const jobs = new Map<string, AsyncJob>();
  const script = new Script();
  let resultPolls = 2;

  const error = (res: http.ServerResponse, status: number, name: string, message: string) =>
    sendJson(res, status, { id: randomBytes(8).toString("hex"), name, errors: [message] });

  function picture(
    res: http.ServerResponse,
    req: http.IncomingMessage,
    bytes: Buffer,
    format: string,
    filtered: boolean,
  ) {
    const headers = { "finish-reason": filtered ? "CONTENT_FILTERED" : "SUCCESS", seed: "42" };
    if ((req.headers.accept ?? "").includes("application/json"))
      return sendJson(res, 200, {
        image: bytes.toString("base64"),
        finish_reason: headers["finish-reason"],
        seed: 42,
      });
    res.writeHead(200, {
      "content-type": `image/${format}`,
      "content-length": String(bytes.length),
      ...headers,
    });
    res.end(bytes);
  }

  async function make(
    path: string,
    form: Form,
  ): Promise<{ bytes: Buffer; status?: number; message?: string }> {
    const format = form.fields.output_format || "png";
    const image = form.files.image ?? form.files.subject_image;
    if (!image) return { bytes: Buffer.alloc(0), status: 400, message: "image: required" };
    const meta = await sharp(image).metadata();
    const w = meta.width!;
    const h = meta.height!;
    if (path.endsWith("/upscale/fast"))
      return { bytes: await encode(sharp(image).resize(w * 4, h * 4), format) };
    if (path.endsWith("/upscale/conservative") || path.endsWith("/upscale/creative")) {
      if (!form.fields.prompt)
        return { bytes: Buffer.alloc(0), status: 400, message: "prompt: required" };
      const k = Math.sqrt(4_000_000 / (w * h));
      return {
        bytes: await encode(sharp(image).resize(Math.round(w * k), Math.round(h * k)), format),
      };
    }
    if (path.endsWith("/edit/outpaint")) {
      const n = (k: string) => Number(form.fields[k] ?? 0);
      if (!n("left") && !n("right") && !n("up") && !n("down"))
        return {
          bytes: Buffer.alloc(0),
          status: 400,
          message: "at least one outpaint direction must be non-zero",
        };
      return {
        bytes: await encode(
          sharp(image).extend({
            left: n("left"),
            right: n("right"),
            top: n("up"),
            bottom: n("down"),
            background: "#808080",
          }),
          format,
        ),
      };
    }
    if (path.endsWith("/edit/remove-background")) {
      if (format === "jpeg")
        return {
          bytes: Buffer.alloc(0),
          status: 400,
          message: "output_format: jpeg not supported",
        };
      const { data, info } = await sharp(image)
        .ensureAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      for (let i = 0; i < data.length; i += 4)
        if (data[i] > 200 && data[i + 1] > 200 && data[i + 2] > 200) data[i + 3] = 0;
      return {
        bytes: await encode(
          sharp(data, { raw: { width: info.width, height: info.height, channels: 4 } }),
          format,
        ),
      };
    }
    if (
      path.endsWith("/edit/search-and-replace") ||
      path.endsWith("/replace-background-and-relight")
    )
      return { bytes: await encode(sharp(image).tint({ r: 120, g: 200, b: 140 }), format) };
    return { bytes: Buffer.alloc(0), status: 404, message: `no route ${path}` };
  }

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const form = await readForm(req).catch(() => ({ fields: {}, files: {} }) as Form);
    requests.push({
      method: req.method ?? "GET",
      path: url.pathname,
      accept: req.headers.accept ?? null,
      fields: form.fields,
      files: Object.fromEntries(Object.entries(form.files).map(([k, v]) => [k, v.length])),
    });
    const scripted = script.take(req.method ?? "GET", url.pathname);
    if (scripted?.delayMs) await sleep(scripted.delayMs);
    if (scripted?.status)
      return sendJson(
        res,
        scripted.status,
        scripted.body ?? { name: "scripted", errors: ["scripted"] },
        scripted.headers,
      );
    if (req.headers.authorization !== `Bearer ${opts.apiKey}`)
      return error(res, 401, "unauthorized", "authorization: invalid or missing header value");
    const p = url.pathname;
    if (p === "/v1/user/balance" && req.method === "GET")
      return sendJson(res, 200, { credits: 100 });
    const result = /^\/v2beta\/results\/([^/]+)$/.exec(p);
    if (result && req.method === "GET") {
      const job = jobs.get(result[1]);
      if (!job) return error(res, 404, "not_found", `result ${result[1]} not found or expired`);
      if (job.polls++ < resultPolls)
        return sendJson(res, 202, { id: job.id, status: "in-progress" });
      return picture(res, req, job.result, job.format, job.filtered);
    }
    if (req.method !== "POST" || !p.startsWith("/v2beta/stable-image/"))
      return error(res, 404, "not_found", `no route ${req.method} ${p}`);
    const format = form.fields.output_format || "png";
    if (!FORMATS.has(format)) return error(res, 400, "bad_request", "output_format: invalid");
    const prompt = `${form.fields.prompt ?? ""} ${form.fields.background_prompt ?? ""}`;
    if (prompt.includes("#fail"))
      return error(res, 400, "bad_request", `scripted failure (key ${opts.apiKey})`);
    let made;
    try {
      made = await make(p, form);
    } catch {
      return error(res, 400, "bad_request", "image: could not be decoded");
    }
    if (made.status) return error(res, made.status, "bad_request", made.message!);
    const filtered = prompt.includes("#filtered");
    if (p.endsWith("/upscale/creative") || p.endsWith("/replace-background-and-relight")) {
      if (
        p.endsWith("/replace-background-and-relight") &&
        !form.fields.background_prompt &&
        !form.files.background_reference
      )
        return error(
          res,
          400,
          "bad_request",
          "background_prompt or background_reference: required",
        );
      const id = randomBytes(32).toString("hex");
      jobs.set(id, { id, polls: 0, result: made.bytes, format, filtered });
      return sendJson(res, 200, { id });
    }
    return picture(res, req, made.bytes, format, filtered);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    jobs,
    enqueue: (s) => script.enqueue(s),
    setResultPolls: (n) => (resultPolls = n),
    reset() {
      requests.length = 0;
      script.clear();
      resultPolls = 2;
    },
    stop: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
