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
 * POST /v1/images/edits (multipart/form-data), POST /v1/embeddings (float or base64),
 * POST /v1/audio/speech (bytes of the asked format), GET /api/tags (Ollama), GET /files/<id>.png.
 *
 * Chat follows what was asked, deterministically, the way a real model would answer it:
 *   tools (and tool_choice ≠ "none", last message not a tool result) → tool calls (finish_reason
 *     "tool_calls"; `mode.toolCalls` of them, or the one tool_choice names) whose arguments are
 *     a sample of each tool's JSON Schema; streamed as OpenAI does: id + name first, then the
 *     arguments in pieces, per call `index`
 *   a tool result as the last message → "tool said: <content>"
 *   response_format json_schema → a JSON sample of the schema; json_object → {"reply": …}
 *   image_url parts in the last user message → the reply ends with "[saw N image(s)]"
 *   stop → the reply is cut before the first stop string; n → n choices; seed → system_fingerprint
 *   "fp_seed_<seed>"; logprobs (+ top_logprobs) → per-word logprobs, also in stream chunks
 * Usage: prompt_tokens = words in the messages; completion_tokens = chunkCount per choice.
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
  /** How many tool calls to make when tools are offered (default 1). */
  toolCalls: number;
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
  toolCalls: 1,
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

type Msg = { role?: string; content?: unknown };
type ToolDef = { type?: string; function?: { name?: string; parameters?: unknown } };

/** A value that satisfies a (simple) JSON Schema: what a model filling it in might say. */
export function sampleOf(schema: unknown): unknown {
  const s = (schema ?? {}) as Record<string, unknown>;
  if (Array.isArray(s.enum)) return s.enum[0];
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.anyOf)) return sampleOf(s.anyOf[0]);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === "object" || s.properties) {
    const props = (s.properties ?? {}) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, sampleOf(v)]));
  }
  if (type === "array") return [sampleOf(s.items)];
  if (type === "integer" || type === "number") return typeof s.minimum === "number" ? s.minimum : 1;
  if (type === "boolean") return true;
  if (type === "null") return null;
  return "mock";
}

function toolCallsFor(body: Record<string, unknown>, count: number, seq: number) {
  const tools = (Array.isArray(body.tools) ? body.tools : []) as ToolDef[];
  const messages = (Array.isArray(body.messages) ? body.messages : []) as Msg[];
  const choice = body.tool_choice as { function?: { name?: string } } | string | undefined;
  if (!tools.length || choice === "none" || messages.at(-1)?.role === "tool") return [];
  const named = typeof choice === "object" ? choice?.function?.name : undefined;
  const chosen = named
    ? tools.filter((t) => t.function?.name === named)
    : Array.from({ length: count }, (_, i) => tools[i % tools.length]);
  return chosen.map((t, i) => ({
    id: `call_${seq}_${i}`,
    type: "function" as const,
    function: {
      name: String(t.function?.name),
      arguments: JSON.stringify(sampleOf(t.function?.parameters)),
    },
  }));
}

function replyFor(body: Record<string, unknown>, reply: string): string {
  const messages = (Array.isArray(body.messages) ? body.messages : []) as Msg[];
  const last = messages.at(-1);
  if (last?.role === "tool")
    return `tool said: ${typeof last.content === "string" ? last.content : JSON.stringify(last.content)}`;
  const format = body.response_format as
    { type?: string; json_schema?: { schema?: unknown } } | undefined;
  if (format?.type === "json_schema") return JSON.stringify(sampleOf(format.json_schema?.schema));
  if (format?.type === "json_object") return JSON.stringify({ reply });
  const lastUser = [...messages].reverse().find((m) => m.role === "user");
  const images = Array.isArray(lastUser?.content)
    ? (lastUser.content as { type?: string }[]).filter((p) => p?.type === "image_url").length
    : 0;
  let out = images ? `${reply} [saw ${images} image(s)]` : reply;
  const stops =
    typeof body.stop === "string" ? [body.stop] : Array.isArray(body.stop) ? body.stop : [];
  for (const stop of stops as string[]) {
    const at = out.indexOf(stop);
    if (at >= 0) out = out.slice(0, at);
  }
  return out;
}

function logprobsOf(text: string, top: number) {
  return text
    .split(/(?<= )/)
    .filter(Boolean)
    .map((token, i) => {
      const entry = (t: string, lp: number) => ({
        token: t,
        logprob: lp,
        bytes: [...Buffer.from(t)],
      });
      return {
        ...entry(token, -0.25 - i / 100),
        top_logprobs: Array.from({ length: top }, (_, k) =>
          entry(k ? `${token}${k}` : token, -0.25 - k),
        ),
      };
    });
}

/** A deterministic unit-ish vector for a text. */
function mockVector(text: string, dims: number): number[] {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.codePointAt(0)!, 16777619) >>> 0;
  return Array.from({ length: dims }, (_, i) => Math.round(Math.sin(h + i * 1.7) * 1e4) / 1e4);
}

function floatBase64(v: number[]): string {
  const buf = Buffer.alloc(v.length * 4);
  v.forEach((x, i) => buf.writeFloatLE(x, i * 4));
  return buf.toString("base64");
}

/** Bytes that start the way each format does (a playable WAV for wav), sized by the text. */
function mockAudio(format: string, text: string): { type: string; bytes: Buffer } | null {
  const body = Buffer.from(`${format}:${text}`);
  switch (format) {
    case "wav": {
      const pcm = Buffer.alloc(2400 * Math.max(1, text.split(/\s+/).length));
      const h = Buffer.alloc(44);
      h.write("RIFF", 0);
      h.writeUInt32LE(36 + pcm.length, 4);
      h.write("WAVEfmt ", 8);
      h.writeUInt32LE(16, 16);
      h.writeUInt16LE(1, 20);
      h.writeUInt16LE(1, 22);
      h.writeUInt32LE(24000, 24);
      h.writeUInt32LE(48000, 28);
      h.writeUInt16LE(2, 32);
      h.writeUInt16LE(16, 34);
      h.write("data", 36);
      h.writeUInt32LE(pcm.length, 40);
      return { type: "audio/wav", bytes: Buffer.concat([h, pcm]) };
    }
    case "mp3":
      return { type: "audio/mpeg", bytes: Buffer.concat([Buffer.from("ID3\x04\x00\x00"), body]) };
    case "opus":
      return { type: "audio/ogg", bytes: Buffer.concat([Buffer.from("OggS"), body]) };
    case "aac":
      return { type: "audio/aac", bytes: Buffer.concat([Buffer.from([0xff, 0xf1]), body]) };
    case "flac":
      return { type: "audio/flac", bytes: Buffer.concat([Buffer.from("fLaC"), body]) };
    case "pcm":
      return { type: "audio/pcm", bytes: Buffer.alloc(4800) };
    default:
      return null;
  }
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
    const n = Math.max(1, Number(body.n ?? 1));
    const calls = toolCallsFor(body, mode.toolCalls, requests.length);
    const reply = calls.length ? "" : replyFor(body, mode.reply);
    const words = reply.split(" ");
    const parts: string[] = [];
    const per = Math.ceil(words.length / mode.chunkCount);
    for (let i = 0; i < mode.chunkCount; i++)
      parts.push(
        words.slice(i * per, (i + 1) * per).join(" ") + (i < mode.chunkCount - 1 ? " " : ""),
      );
    const usage = {
      prompt_tokens: countWords(body.messages),
      completion_tokens: mode.chunkCount * n,
      total_tokens: countWords(body.messages) + mode.chunkCount * n,
    };
    const finish = calls.length ? "tool_calls" : "stop";
    const wantLogprobs = body.logprobs === true;
    const top = Number(body.top_logprobs ?? 0);
    const extra = body.seed !== undefined ? { system_fingerprint: `fp_seed_${body.seed}` } : {};
    if (!body.stream) {
      send(res, 200, {
        id,
        object: "chat.completion",
        created,
        model,
        ...extra,
        choices: Array.from({ length: n }, (_, index) => ({
          index,
          message: calls.length
            ? { role: "assistant", content: null, tool_calls: calls }
            : { role: "assistant", content: reply },
          finish_reason: finish,
          logprobs: wantLogprobs ? { content: logprobsOf(reply, top) } : null,
        })),
        usage,
      });
      return;
    }
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    const chunk = (choices: unknown[], more: object = {}) =>
      `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, ...extra, choices, ...more })}\n\n`;
    const each = (delta: (index: number) => object, more: object = {}) =>
      chunk(
        Array.from({ length: n }, (_, index) => ({
          index,
          delta: delta(index),
          finish_reason: null,
          ...more,
        })),
      );
    res.write(each(() => ({ role: "assistant", content: calls.length ? null : "" })));
    if (calls.length) {
      for (const [i, call] of calls.entries()) {
        const args = call.function.arguments;
        const third = Math.ceil(args.length / 3);
        res.write(
          each(() => ({
            tool_calls: [
              {
                index: i,
                id: call.id,
                type: "function",
                function: { name: call.function.name, arguments: "" },
              },
            ],
          })),
        );
        for (let k = 0; k < 3; k++) {
          if (mode.chunkDelayMs) await sleep(mode.chunkDelayMs);
          if (res.destroyed) return;
          const piece = args.slice(k * third, (k + 1) * third);
          if (piece)
            res.write(each(() => ({ tool_calls: [{ index: i, function: { arguments: piece } }] })));
        }
      }
    } else {
      for (const part of parts) {
        if (mode.chunkDelayMs) await sleep(mode.chunkDelayMs);
        if (res.destroyed) return;
        res.write(
          each(
            () => ({ content: part }),
            wantLogprobs ? { logprobs: { content: logprobsOf(part, top) } } : {},
          ),
        );
      }
    }
    res.write(
      chunk(Array.from({ length: n }, (_, index) => ({ index, delta: {}, finish_reason: finish }))),
    );
    const opts = body.stream_options as { include_usage?: boolean } | undefined;
    if (opts?.include_usage && mode.usageInStream) res.write(chunk([], { usage }));
    res.end("data: [DONE]\n\n");
  }

  function embeddings(body: Record<string, unknown>, res: http.ServerResponse) {
    const input = body.input;
    const texts: string[] =
      typeof input === "string"
        ? [input]
        : Array.isArray(input) && input.every((x) => typeof x === "number")
          ? [input.join(" ")]
          : Array.isArray(input)
            ? input.map((x) => (typeof x === "string" ? x : JSON.stringify(x)))
            : [];
    if (!texts.length) return error(res, 400, "input is required", "invalid_request");
    const dims = Number(body.dimensions ?? 8);
    const tokens = texts.reduce((sum, t) => sum + t.split(/\s+/).filter(Boolean).length, 0);
    send(res, 200, {
      object: "list",
      model: String(body.model),
      data: texts.map((t, index) => {
        const v = mockVector(t, dims);
        return {
          object: "embedding",
          index,
          embedding: body.encoding_format === "base64" ? floatBase64(v) : v,
        };
      }),
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  }

  function speech(body: Record<string, unknown>, res: http.ServerResponse) {
    if (typeof body.input !== "string" || !body.input)
      return error(res, 400, "input is required", "invalid_request");
    if (!body.voice) return error(res, 400, "voice is required", "invalid_request");
    const format = String(body.response_format ?? "mp3");
    const audio = mockAudio(format, body.input);
    if (!audio) return error(res, 400, `unsupported response_format ${format}`, "invalid_request");
    res.writeHead(200, { "content-type": audio.type, "content-length": audio.bytes.length });
    res.end(audio.bytes);
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
      if (req.method === "POST" && u.pathname === "/v1/embeddings") return embeddings(b, res);
      if (req.method === "POST" && u.pathname === "/v1/audio/speech") return speech(b, res);
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
