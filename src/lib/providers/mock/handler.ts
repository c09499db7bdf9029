import "server-only";
import { MOCK_MODELS } from "./catalog";
import { mockChat, type MockChatRequest } from "./chat";
import { mockEmbeddings } from "./embeddings";
import { clampN, editImage, generateImages, parseSize, toData } from "./images";
import { mockSpeech } from "./speech";
import { mockVideos } from "./videos";

// An OpenAI-compatible server that lives in this process: the mock provider kind hands it to the
// official SDK as its `fetch`, so the whole client path (SDK, retries, stream parsing) is real.

const error = (status: number, message: string, param: string | null = null) =>
  Response.json(
    { error: { message, type: "invalid_request_error", code: "invalid_request", param } },
    { status },
  );

async function images(body: Record<string, unknown>): Promise<Response> {
  const prompt = typeof body.prompt === "string" ? body.prompt : "";
  if (!prompt.trim()) return error(400, "prompt is required", "prompt");
  const size = parseSize(body.size);
  if (!size) return error(400, "size must be <width>x<height>", "size");
  const pngs = await generateImages(prompt, clampN(body.n), size);
  return Response.json({
    created: Math.floor(Date.now() / 1000),
    data: pngs.map((p) => toData(p, body.response_format)),
  });
}

async function edits(req: Request): Promise<Response> {
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return error(400, "body must be multipart/form-data");
  }
  const files = [...form.getAll("image"), ...form.getAll("image[]")].filter(
    (f): f is File => typeof f !== "string",
  );
  if (!files.length) return error(400, "image is required", "image");
  const prompt = String(form.get("prompt") ?? "");
  const rawSize = form.get("size");
  const size = rawSize ? parseSize(String(rawSize), { w: 0, h: 0 }) : null;
  if (rawSize && !size) return error(400, "size must be <width>x<height>", "size");
  const n = clampN(form.get("n") ?? 1);
  const source = Buffer.from(await files[0].arrayBuffer());
  const out: Buffer[] = [];
  try {
    for (let i = 0; i < n; i++)
      out.push(await editImage(source, prompt, i, size && size.w ? size : null));
  } catch {
    return error(400, "image could not be decoded", "image");
  }
  return Response.json({
    created: Math.floor(Date.now() / 1000),
    data: out.map((p) => toData(p, form.get("response_format"))),
  });
}

export async function mockFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const req = new Request(input, init);
  const path = new URL(req.url).pathname.replace(/\/+$/, "");
  const video = await mockVideos(req, path);
  if (video) return video;
  if (req.method === "GET" && path.endsWith("/models")) {
    return Response.json({
      object: "list",
      data: MOCK_MODELS.map((m) => ({
        id: m.slug,
        object: "model",
        created: 1_700_000_000,
        owned_by: "aigc-studio",
      })),
    });
  }
  if (req.method !== "POST") return error(404, `no route ${req.method} ${path}`);
  if (path.endsWith("/images/edits")) return edits(req);
  let body: Record<string, unknown>;
  try {
    body = (await req.json()) as Record<string, unknown>;
  } catch {
    return error(400, "body must be JSON");
  }
  if (path.endsWith("/chat/completions")) {
    if (!Array.isArray(body.messages) || !body.messages.length)
      return error(400, "messages is required", "messages");
    return mockChat(body as MockChatRequest, req.signal);
  }
  if (path.endsWith("/images/generations")) return images(body);
  if (path.endsWith("/embeddings") || path.endsWith("/audio/speech")) {
    const out = path.endsWith("/embeddings") ? mockEmbeddings(body) : mockSpeech(body);
    return out instanceof Response ? out : error(400, out.error, out.param);
  }
  return error(404, `no route ${req.method} ${path}`);
}
