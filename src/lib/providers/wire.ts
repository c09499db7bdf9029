import "server-only";
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { VERSION } from "openai/version";
import { type ProviderAccess, requestHeaders } from "./access";
import { MAX_RETRIES, retryable } from "./retry";
import { httpFetch, httpRequest, type RawAnswer } from "./http-fetch";
import { OVERLOADED_HEADER } from "./overload";

// One JSON POST in the OpenAI wire format without the SDK, for the gateway's hottest call (a
// non-streamed chat completion): the SDK's request building, logging and Response/Headers/
// stream plumbing cost about as much CPU as the rest of a billed call. Everything a caller can
// observe stays as the SDK does it (./client.ts), so error mapping (./errors.ts) is shared:
//   - the same headers (the provider's extra headers, its key, the SDK's user agent);
//   - retries: 429, 5xx and network errors, at most MAX_RETRIES, never our own "pool full" 503;
//     waits from `retry-after-ms` / `Retry-After` (up to 60 s), else 0.5 s, 1 s … with up to
//     25 % jitter; the wait ends early when the caller goes away;
//   - failures as the SDK's classes: APIError.generate(status, body…), APIConnectionError,
//     APIConnectionTimeoutError, APIUserAbortError; a success body that is not JSON is a
//     SyntaxError (a malformed answer).
// Networked providers go through ./http-fetch.ts's exchange directly (no Response objects);
// a kind with its own fetch (the built-in mock) is called through that fetch.

type Send = (url: string, init: SendInit) => Promise<RawAnswer>;
type SendInit = {
  method: string;
  headers: Record<string, string>;
  body: string;
  signal?: AbortSignal;
};

/** How to POST JSON to one provider: its base URL, headers and transport. */
export type Wire = { baseURL: string; headers: Record<string, string>; send: Send };

const USER_AGENT = `OpenAI/JS ${VERSION}`;
const MAX_SERVER_WAIT_MS = 60_000;

/** A kind's own fetch as a transport (answers read whole). */
const viaFetch =
  (fetchFn: typeof fetch): Send =>
  async (url, init) => {
    const res = await fetchFn(url, init);
    const headers: RawAnswer["headers"] = {};
    res.headers.forEach((v, k) => (headers[k] = v));
    return { status: res.status, headers, body: Buffer.from(await res.arrayBuffer()) };
  };

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
    send: access.fetch === httpFetch ? httpRequest : viaFetch(access.fetch),
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
  const headers = new Headers();
  for (const [k, v] of Object.entries(answer.headers))
    if (v !== undefined) for (const one of Array.isArray(v) ? v : [v]) headers.append(k, one);
  return APIError.generate(
    answer.status,
    json as object | undefined,
    json === undefined ? text : undefined,
    headers,
  );
}

const isTimeout = (err: unknown) =>
  err instanceof Error &&
  (err.name === "AbortError" ||
    /timed? ?out/i.test(String(err) + ("cause" in err ? String(err.cause) : "")));

/** POSTs `body` as JSON to `path` under the provider's base URL; the parsed JSON answer. */
export async function postJson<T>(
  wire: Wire,
  path: string,
  body: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const init: SendInit = { method: "POST", headers: wire.headers, body: JSON.stringify(body) };
  if (signal) init.signal = signal;
  const url = wire.baseURL + path;
  for (let retry = 0; ; retry++) {
    if (signal?.aborted) throw new APIUserAbortError();
    let answer: RawAnswer;
    try {
      answer = await wire.send(url, init);
    } catch (err) {
      if (signal?.aborted) throw new APIUserAbortError();
      if (retry < MAX_RETRIES) {
        await sleep(retryDelayMs(null, retry), signal);
        continue;
      }
      if (isTimeout(err)) throw new APIConnectionTimeoutError();
      throw new APIConnectionError({ cause: err instanceof Error ? err : undefined });
    }
    if (answer.status < 400) return JSON.parse(answer.body.toString("utf8")) as T;
    if (
      retry < MAX_RETRIES &&
      retryable(answer.status) &&
      header(answer.headers, OVERLOADED_HEADER) === undefined
    ) {
      await sleep(retryDelayMs(answer, retry), signal);
      continue;
    }
    throw statusError(answer);
  }
}
