import "server-only";
import type { Readable } from "node:stream";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/errors";
import { bodyBytes } from "./body-bytes";

// Request bodies are read while they stream in, against a limit, never whole first: a client can
// send hundreds of megabytes (chunked, so without a Content-Length to refuse up front).
//
// A refused body is answered 413 at once, and then the rest of it is read and thrown away for a
// bounded amount (DRAIN_MAX_BYTES / DRAIN_MAX_MS) before the connection is cut. Closing a socket
// that still has unread data makes the kernel send a reset, and a client that is still uploading
// (the official SDK sending a 10 MiB image, say) then loses our answer and reports "Connection
// error" instead of the 413. Past the bound the connection is cut anyway: a client that keeps
// sending gets nothing more from us than its reset.

/**
 * Default limit for JSON bodies: what the largest chat request may take (CHAT_MAX_CHARS of text,
 * up to 6 bytes each once JSON-escaped, plus room for the other fields). A few MB: generous
 * enough for any AI endpoint that carries prompts, bounded for everyone.
 */
export const JSON_MAX_BYTES = env.CHAT_MAX_CHARS * 6 + 1024 * 1024;
/** For bodies that are small by nature (auth, admin, credits, favorites, image prompts). */
export const SMALL_JSON_MAX_BYTES = 256 * 1024;
/** Deepest nesting a JSON body may have (deeper ones overflow the stack when re-serialized). */
export const JSON_MAX_DEPTH = 64;
/** How much of a refused body is read (and discarded) so the client can read our answer. */
export const DRAIN_MAX_BYTES = 16 * 1024 * 1024;
const DRAIN_MAX_MS = 10_000;

const mib = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MiB`;
const kib = (n: number) => (n >= 1024 * 1024 ? mib(n) : `${Math.round(n / 1024)} KiB`);

export const tooLarge = (message: string, param?: string) =>
  new ApiError("payload_too_large", message, { param });

/** Reads and discards the rest of a web body (bounded, in the background), then cancels it. */
export function drainBody(reader: ReadableStreamDefaultReader<Uint8Array>): void {
  let drained = 0;
  const stop = () => void reader.cancel().catch(() => undefined);
  const timer = setTimeout(stop, DRAIN_MAX_MS);
  timer.unref?.();
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        drained += value.byteLength;
        if (drained > DRAIN_MAX_BYTES) {
          stop();
          break;
        }
      }
    } catch {
      // cancelled, or the client went away
    } finally {
      clearTimeout(timer);
    }
  })();
}

/** drainBody for a Node stream (the multipart parser's). */
export function drainReadable(body: Readable): void {
  let drained = 0;
  const timer = setTimeout(() => body.destroy(), DRAIN_MAX_MS);
  timer.unref?.();
  body.on("data", (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_MAX_BYTES) body.destroy();
  });
  body.once("close", () => clearTimeout(timer));
  body.once("end", () => clearTimeout(timer));
  body.on("error", () => undefined);
  body.resume();
}

/** The deepest nesting of arrays/objects in a parsed JSON value, stopping past `limit`. */
function tooDeep(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (!v || typeof v !== "object") continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child && typeof child === "object") stack.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * Parses a JSON body of at most `maxBytes`: empty → {}, malformed or nested deeper than
 * JSON_MAX_DEPTH → 400, larger → 413 (read no further than the limit).
 */
export async function readJsonBody(req: Request, maxBytes = JSON_MAX_BYTES): Promise<unknown> {
  const overLimit = () => tooLarge(`请求体超过 ${kib(maxBytes)} 上限`);
  const whole = bodyBytes(req);
  if (whole !== undefined) {
    if (typeof whole === "string") {
      if (Buffer.byteLength(whole) > maxBytes) throw overLimit();
      return parseJson(whole);
    }
    if (whole.byteLength > maxBytes) throw overLimit();
    return parseJson(
      Buffer.from(whole.buffer, whole.byteOffset, whole.byteLength).toString("utf8"),
    );
  }
  const reader = req.body?.getReader();
  if (!reader) return {};
  const refuse = () => {
    drainBody(reader);
    return overLimit();
  };
  if (Number(req.headers.get("content-length")) > maxBytes) throw refuse();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      throw new ApiError("invalid_request", "请求体读取中断");
    }
    if (chunk.done) break;
    total += chunk.value.byteLength;
    if (total > maxBytes) throw refuse();
    chunks.push(chunk.value);
  }
  return parseJson(Buffer.concat(chunks).toString("utf8"));
}

function parseJson(text: string): unknown {
  if (!text.trim()) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError("invalid_request", "请求体不是合法的 JSON");
  }
  if (tooDeep(value, JSON_MAX_DEPTH))
    throw new ApiError("invalid_request", `请求体嵌套超过 ${JSON_MAX_DEPTH} 层`);
  return value;
}
