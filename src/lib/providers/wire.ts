import "server-only";
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { VERSION } from "openai/version";
import { type ProviderAccess, requestHeaders } from "./access";
import { MAX_RETRIES, retryable } from "./retry";
import { httpFetch, httpOpen, httpRequest, type OpenAnswer, type RawAnswer } from "./http-fetch";
import { OVERLOADED_HEADER } from "./overload";

// JSON POSTs in the OpenAI wire format without the SDK, for the gateway's hottest calls (chat
// completions, whole or streamed): the SDK's request building, logging and Response/Headers/
// web-stream plumbing cost about as much CPU as the rest of a billed call. Everything a caller
// can observe stays as the SDK does it (./client.ts), so error mapping (./errors.ts) is shared:
//   - the same headers (the provider's extra headers, its key, the SDK's user agent);
//   - retries: 429, 5xx and network errors, at most MAX_RETRIES, never our own "pool full" 503;
//     waits from `retry-after-ms` / `Retry-After` (up to 60 s), else 0.5 s, 1 s … with up to
//     25 % jitter; the wait ends early when the caller goes away;
//   - failures as the SDK's classes: APIError.generate(status, body…), APIConnectionError,
//     APIConnectionTimeoutError, APIUserAbortError; a success body that is not JSON is a
//     SyntaxError (a malformed answer);
//   - streams as the SDK's Stream reads them: each server-sent event's data parsed as JSON, an
//     event carrying `error` thrown as an APIError, `[DONE]` ends it, and a stream cut by the
//     caller's signal simply ends (the caller knows why); retries only before it starts.
// Networked providers go through ./http-fetch.ts's exchange directly (no Response objects);
// a kind with its own fetch (the built-in mock) is called through that fetch.

type SendInit = {
  method: string;
  headers: Record<string, string>;
  body: string;
  signal?: AbortSignal;
};

/** How to POST JSON to one provider: its base URL, headers and transport. */
export type Wire = {
  baseURL: string;
  headers: Record<string, string>;
  /** The answer read whole. */
  send: (url: string, init: SendInit) => Promise<RawAnswer>;
  /** An event-stream answer as it arrives (anything else read whole). */
  open: (url: string, init: SendInit) => Promise<OpenAnswer>;
};

const USER_AGENT = `OpenAI/JS ${VERSION}`;
const MAX_SERVER_WAIT_MS = 60_000;

/** A kind's own fetch as a transport. */
function viaFetch(fetchFn: typeof fetch): Pick<Wire, "send" | "open"> {
  const open = async (url: string, init: SendInit): Promise<OpenAnswer> => {
    const res = await fetchFn(url, init);
    const headers: RawAnswer["headers"] = {};
    res.headers.forEach((v, k) => (headers[k] = v));
    const streamed = res.ok && /^text\/event-stream/i.test(res.headers.get("content-type") ?? "");
    return {
      status: res.status,
      headers,
      body:
        streamed && res.body
          ? (res.body as unknown as AsyncIterable<Uint8Array>)
          : [new Uint8Array(await res.arrayBuffer())],
    };
  };
  return { open, send: async (url, init) => readAll(await open(url, init)) };
}

/** An opened answer read to its end. */
async function readAll(answer: OpenAnswer): Promise<RawAnswer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of answer.body) chunks.push(chunk);
  return { status: answer.status, headers: answer.headers, body: Buffer.concat(chunks) };
}

/** Header names in lower case (later entries win), as Node sends them. */
function lowerCased(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = v;
  return out;
}

export function wireFor(access: ProviderAccess): Wire {
  return {
    baseURL: access.baseURL.replace(/\/+$/, ""),
    headers: lowerCased({
      "content-type": "application/json",
      "user-agent": USER_AGENT,
      ...requestHeaders(access),
    }),
    ...(access.fetch === httpFetch
      ? { send: httpRequest, open: httpOpen }
      : viaFetch(access.fetch)),
  };
}

const header = (h: RawAnswer["headers"], name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

/** How long to wait before retry number `retry` (0-based), as the SDK decides it. */
function retryDelayMs(answer: RawAnswer | null, retry: number): number {
  if (answer) {
    const ms = Number.parseFloat(header(answer.headers, "retry-after-ms") ?? "");
    let wait = Number.isNaN(ms) ? undefined : ms;
    const after = header(answer.headers, "retry-after");
    if (after && wait === undefined) {
      const seconds = Number.parseFloat(after);
      wait = Number.isNaN(seconds) ? Date.parse(after) - Date.now() : seconds * 1000;
    }
    if (wait !== undefined && wait >= 0 && wait <= MAX_SERVER_WAIT_MS) return wait;
  }
  return Math.min(0.5 * 2 ** retry, 8) * (1 - Math.random() * 0.25) * 1000;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new APIUserAbortError());
    const done = () => {
      signal?.removeEventListener("abort", stop);
      resolve();
    };
    const stop = () => {
      clearTimeout(timer);
      reject(new APIUserAbortError());
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", stop, { once: true });
  });
}

function statusError(answer: RawAnswer): APIError {
  const text = answer.body.toString("utf8");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return APIError.generate(
    answer.status,
    json as object | undefined,
    json === undefined ? text : undefined,
    headersOf(answer.headers),
  );
}

const isTimeout = (err: unknown) =>
  err instanceof Error &&
  (err.name === "AbortError" ||
    /timed? ?out/i.test(String(err) + ("cause" in err ? String(err.cause) : "")));

/**
 * One request with the SDK's retries: `attempt` until it answers below 400 (returned as is) or
 * no retry is left; `whole` reads an answer's body (for its error).
 */
async function withRetries<A extends { status: number; headers: RawAnswer["headers"] }>(
  attempt: () => Promise<A>,
  whole: (answer: A) => Promise<RawAnswer>,
  signal: AbortSignal | undefined,
): Promise<A> {
  for (let retry = 0; ; retry++) {
    if (signal?.aborted) throw new APIUserAbortError();
    let answer: A;
    try {
      answer = await attempt();
    } catch (err) {
      if (signal?.aborted) throw new APIUserAbortError();
      if (retry < MAX_RETRIES) {
        await sleep(retryDelayMs(null, retry), signal);
        continue;
      }
      if (isTimeout(err)) throw new APIConnectionTimeoutError();
      throw new APIConnectionError({ cause: err instanceof Error ? err : undefined });
    }
    if (answer.status < 400) return answer;
    const raw = await whole(answer);
    if (
      retry < MAX_RETRIES &&
      retryable(raw.status) &&
      header(raw.headers, OVERLOADED_HEADER) === undefined
    ) {
      await sleep(retryDelayMs(raw, retry), signal);
      continue;
    }
    throw statusError(raw);
  }
}

const initFor = (wire: Wire, body: unknown, signal?: AbortSignal): SendInit => {
  const init: SendInit = { method: "POST", headers: wire.headers, body: JSON.stringify(body) };
  if (signal) init.signal = signal;
  return init;
};

/** POSTs `body` as JSON to `path` under the provider's base URL; the parsed JSON answer. */
export async function postJson<T>(
  wire: Wire,
  path: string,
  body: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const init = initFor(wire, body, signal);
  const url = wire.baseURL + path;
  const answer = await withRetries(
    () => wire.send(url, init),
    async (a) => a,
    signal,
  );
  return JSON.parse(answer.body.toString("utf8")) as T;
}

/**
 * POSTs `body` (which asks for a stream) and yields each server-sent event's JSON data as it
 * arrives. Errors before the stream starts are thrown here, as postJson's.
 */
export async function streamJson<T>(
  wire: Wire,
  path: string,
  body: unknown,
  signal?: AbortSignal,
): Promise<AsyncIterableIterator<T>> {
  const init = initFor(wire, body, signal);
  const url = wire.baseURL + path;
  const answer = await withRetries(() => wire.open(url, init), readAll, signal);
  return sseData<T>(answer, signal);
}

function headersOf(raw: RawAnswer["headers"]): Headers {
  const headers = new Headers();
  for (const [k, v] of Object.entries(raw))
    if (v !== undefined) for (const one of Array.isArray(v) ? v : [v]) headers.append(k, one);
  return headers;
}

/** The data of each event of a text/event-stream body (WHATWG event-stream parsing). */
async function* sseData<T>(answer: OpenAnswer, signal?: AbortSignal): AsyncIterableIterator<T> {
  const decoder = new TextDecoder();
  let pending = "";
  let data: string[] = [];
  let skipLF = false;
  let done = false;
  let ended = false;
  const dispatch = function* (): Generator<T> {
    if (!data.length) return;
    const text = data.join("\n");
    data = [];
    if (done) return;
    if (text.startsWith("[DONE]")) {
      done = true;
      return;
    }
    const value = JSON.parse(text) as { error?: unknown } | null;
    if (value && value.error)
      throw new APIError(undefined, value.error as object, undefined, headersOf(answer.headers));
    yield value as T;
  };
  const lines = function* (text: string): Generator<T> {
    if (skipLF && text.startsWith("\n")) text = text.slice(1);
    skipLF = text.endsWith("\r");
    const parts = (pending + text).split(/\r\n|\r|\n/);
    pending = parts.pop()!;
    for (const line of parts) {
      if (line === "") yield* dispatch();
      else if (line.startsWith("data:")) data.push(line.slice(line.startsWith("data: ") ? 6 : 5));
    }
  };
  try {
    for await (const chunk of answer.body) yield* lines(decoder.decode(chunk, { stream: true }));
    yield* lines(decoder.decode());
    if (pending.startsWith("data:")) data.push(pending.slice(pending.startsWith("data: ") ? 6 : 5));
    pending = "";
    yield* dispatch();
    ended = true;
  } catch (err) {
    // Cut by the caller's signal (a client gone, an idle timeout): the stream just ends.
    if (signal?.aborted) return;
    throw err;
  } finally {
    // Left early by the consumer: stop reading the provider's answer.
    const body = answer.body as { destroy?: () => void };
    if (!ended && typeof body.destroy === "function") body.destroy();
  }
}
