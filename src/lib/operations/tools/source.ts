import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import type { NextRequest } from "next/server";
import { readJson } from "@/lib/api/handler";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/errors";
import {
  discardInputs,
  storedInputFromKey,
  storeInputUrl,
  storeUploadedInput,
  type StoredInput,
} from "@/lib/media/inputs";
import { publicOrigin } from "@/lib/media/urls";
import { uploadLimits } from "@/lib/uploads";
import { inspectImage } from "@/lib/uploads/inspect";
import { readMultipart, tooLarge } from "@/lib/uploads/multipart";

// The pictures of a tool call (or a workflow run): a multipart file part, or a URL in the body —
// an http(s) URL (fetched through the outbound guard), a data: URL, or one of our own media URLs
// (used where it is stored; a generation or gallery work needs no round trip through the
// network). Everything is judged like an upload (type by bytes, size, pixels) and stored under
// inputs/ before the call is priced; the multipart temp dir is removed whatever happens, and
// stored inputs are removed again when the call does not go ahead.

export type ToolInput = StoredInput & { owned: boolean };
export type ToolSources = {
  fields: Record<string, unknown>;
  image: ToolInput | null;
  background: ToolInput | null;
};

/** The media key behind one of our own media URLs (absolute on our origin, or a path). */
export function ownMediaKey(ref: string, req: Request): string | null {
  let pathname: string;
  if (ref.startsWith("/")) pathname = ref;
  else {
    let url: URL;
    try {
      url = new URL(ref);
    } catch {
      return null;
    }
    const ours = new Set([publicOrigin(req), new URL(req.url).origin]);
    if (!ours.has(url.origin)) return null;
    pathname = url.pathname;
  }
  const m = /^\/api\/media\/(.+)$/.exec(pathname);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return null;
  }
}

async function fromRef(ref: string, param: string, req: Request): Promise<ToolInput> {
  const key = ownMediaKey(ref, req);
  if (key) return { ...(await storedInputFromKey(key, param)), owned: false };
  if (ref.startsWith("/"))
    throw new ApiError("invalid_request", `${param} 不是有效的图片地址`, { param });
  return { ...(await storeInputUrl(ref, param)), owned: true };
}

/** Removes what this call stored (never a picture it only referred to). */
export async function discardSources(sources: Pick<ToolSources, "image" | "background">) {
  await discardInputs(
    [sources.image, sources.background].filter((i): i is ToolInput => !!i?.owned),
  );
}

/** JSON carries two data URLs at most: the picture and a backdrop. */
const jsonLimit = () => Math.ceil((env.UPLOAD_MAX_BYTES * 4) / 3) * 2 + 256 * 1024;

/**
 * Reads the request's fields and pictures, checks `fields` with `parse` before any picture is
 * decoded or stored, and runs `handle`; stored inputs are removed if `handle` throws.
 */
export async function withToolSources<T>(
  req: NextRequest,
  parse: (fields: Record<string, unknown>) => void,
  handle: (sources: ToolSources) => Promise<T>,
): Promise<T> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\b/i.test(type)) {
    const body = await readJson(req, jsonLimit());
    if (!body || typeof body !== "object" || Array.isArray(body))
      throw new ApiError("invalid_request", "请求体必须是 JSON 对象");
    const fields = body as Record<string, unknown>;
    parse(fields);
    return run(req, fields, null, null, handle);
  }
  const limits = { ...uploadLimits(), maxFiles: 2 };
  if (!req.body) throw new ApiError("invalid_request", "缺少请求体");
  if (Number(req.headers.get("content-length")) > limits.maxTotalBytes)
    throw tooLarge("请求体超过上限");
  await fs.mkdir(env.tmpDir, { recursive: true });
  const dir = await fs.mkdtemp(path.join(env.tmpDir, "tool-"));
  try {
    const raw = await readMultipart(
      Readable.fromWeb(req.body as unknown as NodeWebStream<Uint8Array>),
      type,
      dir,
      limits,
      { image: "image", "image[]": "image", background: "background" },
    );
    const fields: Record<string, unknown> = Object.fromEntries(raw.fields);
    parse(fields);
    const file = (field: string) => {
      const found = raw.files.filter((f) => f.field === field);
      if (found.length > 1)
        throw new ApiError("invalid_request", `只能上传一个 ${field}`, { param: field });
      return found[0] ?? null;
    };
    const image = file("image");
    const background = file("background");
    // Judge both files before storing either.
    const inspected = {
      image: image ? await inspectImage(image, env.UPLOAD_MAX_PIXELS) : null,
      background: background ? await inspectImage(background, env.UPLOAD_MAX_PIXELS) : null,
    };
    return await run(req, fields, inspected.image, inspected.background, handle);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

async function run<T>(
  req: Request,
  fields: Record<string, unknown>,
  imageFile: Awaited<ReturnType<typeof inspectImage>> | null,
  backgroundFile: Awaited<ReturnType<typeof inspectImage>> | null,
  handle: (sources: ToolSources) => Promise<T>,
): Promise<T> {
  const sources: ToolSources = { fields, image: null, background: null };
  try {
    if (imageFile && typeof fields.image === "string")
      throw new ApiError("invalid_request", "image 只能是文件或地址之一", { param: "image" });
    if (imageFile)
      sources.image = { ...(await storeUploadedInput(imageFile, "image")), owned: true };
    else if (typeof fields.image === "string")
      sources.image = await fromRef(fields.image, "image", req);
    if (backgroundFile)
      sources.background = {
        ...(await storeUploadedInput(backgroundFile, "background")),
        owned: true,
      };
    else if (typeof fields.background === "string")
      sources.background = await fromRef(fields.background, "background", req);
    if (!sources.image)
      throw new ApiError("invalid_request", "缺少图片：请上传 image 文件或提供 image 地址", {
        param: "image",
      });
    return await handle(sources);
  } catch (err) {
    await discardSources(sources);
    throw err;
  }
}
