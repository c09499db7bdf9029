/**
 * A real HTTP server speaking the OpenAI wire format, for integration tests.
 *
 *   const up = await startMockUpstream({ apiKey?: "sk-test" });
 *   up.url          // "http://127.0.0.1:<port>/v1" — use as a provider baseURL
 *   up.origin       // "http://127.0.0.1:<port>"
 *   up.requests     // every request received: { method, path, query, headers (lower-case), body, at }
 *                   //   body: parsed JSON, or for multipart { fields, files: [{ field, filename, mimeType, size }] }
 *   up.enqueue({ status?, body?, headers?, delayMs?, path? })
 *                   // scripts the NEXT request (optionally only one whose path ends with `path`):
 *                   //   with `status` → answered with that status/body/headers after delayMs;
 *                   //   without `status` → the normal answer, after delayMs (a slow upstream).
 *                   //   e.g. enqueue({ status: 429, headers: { "retry-after": "0" }, body: {...} })
 *   up.enqueue({ path?, handle: (res, req) => … })
 *                   // answers the next (matching) request by hand: any status, headers, bytes,
 *                   // redirects, half-written streams — for hostile or broken upstreams
 *   up.setModels([{ id, owned_by? , ...extra }])   // what GET /v1/models and /api/tags list
 *   up.setMode({ usageInStream, chunkCount, chunkDelayMs, reply })
 *                   // usageInStream=false: never send a usage chunk even when include_usage is asked
 *                   // chunkCount: content chunks per stream (default 5); chunkDelayMs between them (default 0)
 *                   // reply: the assistant text (default "mock upstream reply"); split into chunkCount parts
 *   up.reset()      // clears the request log, the script and restores default models/mode
 *   await up.stop()
 *
 * Endpoints: GET /v1/models, POST /v1/chat/completions (JSON or SSE, honours stream_options.include_usage),
 * POST /v1/images/generations (b64_json, or url served by this server under /files/…),
 * POST /v1/images/edits (multipart/form-data), GET /api/tags (Ollama), GET /files/<id>.png.
 * With `apiKey` set, any /v1 request without `Authorization: Bearer <apiKey>` gets a 401 OpenAI error.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import busboy from "busboy";
import sharp from "sharp";

export type RecordedRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  at: number;
};
export type ScriptedResponse = {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  path?: string;
  /** Writes the whole answer itself (wins over status/body). */
  handle?: (res: http.ServerResponse, req: RecordedRequest) => void | Promise<void>;
};
export type UpstreamModel = { id: string; owned_by?: string; [extra: string]: unknown };
export type UpstreamMode = {
  usageInStream: boolean;
  chunkCount: number;
  chunkDelayMs: number;
  reply: string;
};
export type MultipartBody = {
  fields: Record<string, string>;
  files: { field: string; filename: string; mimeType: string; size: number }[];
};

export type MockUpstream = {
  url: string;
  origin: string;
  requests: RecordedRequest[];
  enqueue: (behaviour: ScriptedResponse) => void;
  setModels: (models: UpstreamModel[]) => void;
  setMode: (mode: Partial<UpstreamMode>) => void;
  reset: () => void;
  stop: () => Promise<void>;
};

const DEFAULT_MODELS: UpstreamModel[] = [
  { id: "gpt-4o-mini", owned_by: "openai" },
  { id: "gpt-4o", owned_by: "openai" },
  { id: "dall-e-3", owned_by: "openai" },
];
const DEFAULT_MODE: UpstreamMode = {
  usageInStream: true,
  chunkCount: 5,
  chunkDelayMs: 0,
  reply: "mock upstream reply",
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function parseMultipart(headers: http.IncomingHttpHeaders, raw: Buffer): Promise<MultipartBody> {
  return new Promise((resolve, reject) => {
    const out: MultipartBody = { fields: {}, files: [] };
    const bb = busboy({ headers });
    bb.on("field", (name, value) => (out.fields[name] = value));
    bb.on("file", (field, stream, info) => {
      let size = 0;
      stream.on("data", (d: Buffer) => (size += d.length));
      stream.on("end", () =>
        out.files.push({ field, filename: info.filename ?? "", mimeType: info.mimeType, size }),
      );
    });
    bb.on("close", () => resolve(out));
    bb.on("error", reject);
    bb.end(raw);
  });
}

function sizeOf(size: unknown): { w: number; h: number } {
  const m = typeof size === "string" ? /^(\d+)x(\d+)$/.exec(size) : null;
  // Small pictures keep tests fast; the requested aspect ratio is preserved.
  if (!m) return { w: 64, h: 64 };
  const w = Number(m[1]);
  const h = Number(m[2]);
  const scale = 64 / Math.max(w, h);
  return { w: Math.max(1, Math.round(w * scale)), h: Math.max(1, Math.round(h * scale)) };
}

function countWords(messages: unknown): number {
  if (!Array.isArray(messages)) return 0;
  return messages.reduce((n: number, m: { content?: unknown }) => {
    const text = typeof m?.content === "string" ? m.content : JSON.stringify(m?.content ?? "");
    return n + text.split(/\s+/).filter(Boolean).length;
  }, 0);
}

export async function startMockUpstream(options: { apiKey?: string } = {}): Promise<MockUpstream> {
  const requests: RecordedRequest[] = [];
  let script: ScriptedResponse[] = [];
  let models = [...DEFAULT_MODELS];
  let mode = { ...DEFAULT_MODE };
  const files = new Map<string, Buffer>();
  let origin = "";

  const send = (
    res: http.ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    const text = typeof body === "string" ? body : JSON.stringify(body ?? {});
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(text);
  };
  const error = (res: http.ServerResponse, status: number, message: string, code: string) =>
    send(res, status, { error: { message, type: "invalid_request_error", code, param: null } });

  async function images(body: Record<string, unknown>, res: http.ServerResponse) {
    const n = Math.max(1, Number(body.n ?? 1));
    const { w, h } = sizeOf(body.size);
    const data: { b64_json?: string; url?: string; revised_prompt?: string }[] = [];
    for (let i = 0; i < n; i++) {
      const hue = (String(body.prompt ?? "").length * 37 + i * 90) % 256;
      const png = await sharp({
        create: { width: w, height: h, channels: 3, background: { r: hue, g: 128, b: 255 - hue } },
      })
        .png()
        .toBuffer();
      if (body.response_format === "url") {
        const id = `img${files.size + 1}`;
        files.set(id, png);
        data.push({ url: `${origin}/files/${id}.png` });
      } else {
        data.push({ b64_json: png.toString("base64") });
      }
    }
    send(res, 200, { created: Math.floor(Date.now() / 1000), data });
  }

  async function chat(body: Record<string, unknown>, res: http.ServerResponse) {
    const id = `chatcmpl-${requests.length}`;
    const created = Math.floor(Date.now() / 1000);
    const model = String(body.model ?? "unknown");
    const words = mode.reply.split(" ");
    const parts: string[] = [];
    const per = Math.ceil(words.length / mode.chunkCount);
    for (let i = 0; i < mode.chunkCount; i++)
      parts.push(
        words.slice(i * per, (i + 1) * per).join(" ") + (i < mode.chunkCount - 1 ? " " : ""),
      );
    const usage = {
      prompt_tokens: countWords(body.messages),
      completion_tokens: mode.chunkCount,
      total_tokens: countWords(body.messages) + mode.chunkCount,
    };
    if (!body.stream) {
      send(res, 200, {
        id,
        object: "chat.completion",
        created,
        model,
        choices: [
          {
            index: 0,
            message: { role: "assistant", content: mode.reply },
            finish_reason: "stop",
            logprobs: null,
          },
        ],
        usage,
      });
      return;
    }
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    const chunk = (choices: unknown[], extra: object = {}) =>
      `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices, ...extra })}\n\n`;
    res.write(
      chunk([{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }]),
    );
    for (const part of parts) {
      if (mode.chunkDelayMs) await sleep(mode.chunkDelayMs);
      if (res.destroyed) return;
      res.write(chunk([{ index: 0, delta: { content: part }, finish_reason: null }]));
    }
    res.write(chunk([{ index: 0, delta: {}, finish_reason: "stop" }]));
    const opts = body.stream_options as { include_usage?: boolean } | undefined;
    if (opts?.include_usage && mode.usageInStream) res.write(chunk([], { usage }));
    res.end("data: [DONE]\n\n");
  }

  const server = http.createServer(async (req, res) => {
    try {
      const u = new URL(req.url ?? "/", "http://x");
      const raw = await readBody(req);
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [
          k,
          Array.isArray(v) ? v.join(", ") : (v ?? ""),
        ]),
      );
      let body: unknown = raw.length ? raw.toString("utf8") : null;
      if (headers["content-type"]?.startsWith("multipart/form-data"))
        body = await parseMultipart(req.headers, raw);
      else if (raw.length) {
        try {
          body = JSON.parse(raw.toString("utf8"));
        } catch {
          // keep the text
        }
      }
      requests.push({
        method: req.method ?? "GET",
        path: u.pathname,
        query: Object.fromEntries(u.searchParams),
        headers,
        body,
        at: Date.now(),
      });

      const idx = script.findIndex((s) => !s.path || u.pathname.endsWith(s.path));
      const scripted = idx >= 0 ? script.splice(idx, 1)[0] : undefined;
      if (scripted?.delayMs) await sleep(scripted.delayMs);
      if (res.destroyed) return;
      if (scripted?.handle) return await scripted.handle(res, requests.at(-1)!);
      if (scripted?.status !== undefined)
        return send(res, scripted.status, scripted.body ?? {}, scripted.headers);

      const file = /^\/files\/(\w+)\.png$/.exec(u.pathname);
      if (file && files.has(file[1])) {
        res.writeHead(200, { "content-type": "image/png" });
        return res.end(files.get(file[1]));
      }
      if (u.pathname === "/api/tags") {
        return send(res, 200, {
          models: models.map((m) => ({
            name: m.id,
            model: m.id,
            modified_at: "2024-05-01T10:00:00Z",
            size: 4_661_224_676,
            digest: "sha256:0000",
            details: {
              format: "gguf",
              family: m.owned_by ?? "llama",
              parameter_size: "8.0B",
              quantization_level: "Q4_0",
            },
          })),
        });
      }
      if (options.apiKey && headers.authorization !== `Bearer ${options.apiKey}`) {
        return error(res, 401, "Incorrect API key provided.", "invalid_api_key");
      }
      const b = (body ?? {}) as Record<string, unknown>;
      if (req.method === "GET" && u.pathname === "/v1/models") {
        return send(res, 200, {
          object: "list",
          data: models.map((m) => ({
            object: "model",
            created: 1700000000,
            owned_by: "mock",
            ...m,
          })),
        });
      }
      if (req.method === "POST" && u.pathname === "/v1/chat/completions") return await chat(b, res);
      if (req.method === "POST" && u.pathname === "/v1/images/generations")
        return await images(b, res);
      if (req.method === "POST" && u.pathname === "/v1/images/edits") {
        const mp = body as MultipartBody | null;
        if (!mp?.files?.some((f) => f.field.startsWith("image")))
          return error(res, 400, "image is required", "invalid_request");
        return await images(mp.fields, res);
      }
      return error(res, 404, `no route ${req.method} ${u.pathname}`, "not_found");
    } catch (err) {
      if (!res.headersSent) error(res, 500, String(err), "server_error");
    }
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${origin}/v1`,
    origin,
    requests,
    enqueue: (b) => script.push(b),
    setModels: (list) => (models = [...list]),
    setMode: (m) => (mode = { ...mode, ...m }),
    reset() {
      requests.length = 0;
      script = [];
      models = [...DEFAULT_MODELS];
      mode = { ...DEFAULT_MODE };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
