import "server-only";
import http from "node:http";
import https from "node:https";
import { Readable } from "node:stream";
import { env } from "@/lib/env";
import { OVERLOAD_RETRY_AFTER, OVERLOADED_HEADER } from "./overload";
import { gateFor, Overloaded } from "./pool";

// The `fetch` of every networked provider, over node:http with keep-alive agents. Node's global
// fetch (undici) runs the whole WHATWG fetch algorithm, a WebAssembly HTTP parser and web streams
// for every call, which made the upstream round trip the gateway's largest cost after Next.js.
//
// Per call: wait for a slot of the provider's pool (./pool.ts; a full queue answers a local 503
// marked OVERLOADED_HEADER, never retried), then the attempt timeout (AI_TIMEOUT_MS) starts —
// time spent queued is not counted. Redirects are followed here (at most 5); one that leaves the
// origin carries none of our headers beyond a few harmless standard ones, so neither the key nor
// an admin's extra headers (custom tokens) reach another host.
//
// Answers: an event stream is handed on as it arrives; any other body is read whole before the
// Response is returned (the SDK reads it whole anyway), so the timeout covers it too. No
// accept-encoding is sent, so bodies come back uncompressed. Errors look like fetch's: an aborted
// signal rejects with its reason, a network failure with TypeError("fetch failed", {cause}), a
// timeout with a cause saying "timed out" (which the SDK reports as a timeout).

const agentOptions = { keepAlive: true, maxSockets: env.PROVIDER_MAX_SOCKETS };
const agents = { "http:": new http.Agent(agentOptions), "https:": new https.Agent(agentOptions) };

const NO_BODY = new Set([101, 103, 204, 205, 304]);
const MAX_REDIRECTS = 5;
// Sent on to another origin after a redirect; everything else (authorization, the admin's extra
// headers, SDK organisation ids) stays with the origin it was configured for.
const CROSS_ORIGIN_SAFE = /^(accept|accept-language|content-type|user-agent|x-stainless-[\w-]+)$/i;

function toHeaders(raw: string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i], raw[i + 1]);
  return headers;
}

/** Any fetch body as bytes (FormData and Blob serialised with their content type). */
async function bodyBytes(
  body: RequestInit["body"],
): Promise<{ data: Buffer | string | null; type: string | null }> {
  if (body == null) return { data: null, type: null };
  if (typeof body === "string") return { data: body, type: null };
  if (body instanceof Uint8Array) return { data: Buffer.from(body), type: null };
  const encoded = new Response(body as BodyInit);
  return {
    data: Buffer.from(await encoded.arrayBuffer()),
    type: encoded.headers.get("content-type"),
  };
}

function timedOut(): TypeError {
  return new TypeError("fetch failed", { cause: new Error("upstream request timed out") });
}

const overloadedBody = (origin: string) =>
  JSON.stringify({ error: { message: `provider ${origin} is saturated`, type: "overloaded" } });

function overloaded(origin: string): Response {
  return new Response(overloadedBody(origin), {
    status: 503,
    headers: {
      "content-type": "application/json",
      "retry-after": String(OVERLOAD_RETRY_AFTER),
      [OVERLOADED_HEADER]: "1",
    },
  });
}

type Hop = {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: Buffer | string | null;
};

/** The next hop of a redirect, as fetch's "follow" mode would make it. */
function redirectHop(hop: Hop, status: number, location: string): Hop {
  const url = new URL(location, hop.url);
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new TypeError("fetch failed", { cause: new Error("redirect to a non-http URL") });
  let { method, body } = hop;
  let headers = { ...hop.headers };
  if (
    status === 303 ? method !== "HEAD" : (status === 301 || status === 302) && method === "POST"
  ) {
    method = method === "HEAD" ? "HEAD" : "GET";
    body = null;
    delete headers["content-type"];
  }
  if (url.origin !== hop.url.origin)
    headers = Object.fromEntries(
      Object.entries(headers).filter(([k]) => CROSS_ORIGIN_SAFE.test(k)),
    );
  delete headers["content-length"];
  if (body != null) headers["content-length"] = String(Buffer.byteLength(body));
  return { url, method, headers, body };
}

/**
 * Sends one hop; `track` gets the request (so the exchange can cut it). When it fails because
 * it was cut, `cutBy()` says with what (the caller's abort reason), else a fetch-like TypeError.
 */
function send(
  hop: Hop,
  track: (req: http.ClientRequest) => void,
  cutBy: () => unknown,
): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const protocol = hop.url.protocol as "http:" | "https:";
    const req = (protocol === "https:" ? https : http).request(
      hop.url,
      { method: hop.method, headers: hop.headers, agent: agents[protocol] },
      resolve,
    );
    track(req);
    req.on("error", (err) => reject(cutBy() ?? new TypeError("fetch failed", { cause: err })));
    req.end(hop.body ?? undefined);
  });
}

/** A whole answer body; rejects like fetch when the connection fails or closes mid-body. */
function readWhole(res: http.IncomingMessage): Promise<Buffer<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on("data", (c: Buffer) => chunks.push(c));
    res.on("end", () => resolve(Buffer.concat(chunks)));
    res.on("error", (err) => reject(new TypeError("fetch failed", { cause: err })));
    res.on("close", () => {
      if (!res.complete)
        reject(new TypeError("fetch failed", { cause: new Error("upstream closed mid-body") }));
    });
  });
}

/** The Response for an answer; the pool slot is released when its body is done or dropped. */
async function toResponse(res: http.IncomingMessage, method: string, release: () => void) {
  res.once("close", release);
  const meta = {
    status: res.statusCode ?? 0,
    statusText: res.statusMessage ?? "",
    headers: toHeaders(res.rawHeaders),
  };
  if (NO_BODY.has(meta.status) || method === "HEAD") {
    res.resume();
    return new Response(null, meta);
  }
  if (/^text\/event-stream/i.test(res.headers["content-type"] ?? ""))
    return new Response(Readable.toWeb(res) as ReadableStream<Uint8Array>, meta);
  return new Response(await readWhole(res), meta);
}

/**
 * One upstream exchange: a pool slot (or `onOverload`), the attempt timeout, redirects; `answer`
 * turns the final response into the caller's result while the timeout still runs.
 */
async function exchange<T>(
  first: Hop,
  caller: AbortSignal | undefined,
  answer: (res: http.IncomingMessage, method: string, release: () => void) => Promise<T>,
  onOverload: (origin: string) => T,
): Promise<T> {
  if (caller?.aborted) throw caller.reason;
  let hop = first;
  let release: () => void;
  try {
    // Waiting for a slot may take up to one timeout; the attempt then gets a full one of its own.
    release = await gateFor(hop.url.origin).acquire(caller, env.AI_TIMEOUT_MS);
  } catch (err) {
    if (err instanceof Overloaded) return onOverload(hop.url.origin);
    throw err;
  }
  // The request in flight is cut directly by the attempt's timer or the caller's signal (no
  // AbortController per attempt: creating abort signals is a visible cost on this path). An
  // answer handed on as a stream stays cut by the caller's signal until it closes.
  let current: http.ClientRequest | null = null;
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    current?.destroy(timedOut());
  }, env.AI_TIMEOUT_MS);
  const onAbort = () => current?.destroy(caller?.reason);
  caller?.addEventListener("abort", onAbort, { once: true });
  const cutBy = () => (caller?.aborted ? caller.reason : null);
  let handedOn: http.IncomingMessage | null = null;
  try {
    for (let redirects = 0; ; redirects++) {
      if (caller?.aborted) throw caller.reason;
      const res = await send(hop, (req) => (current = req), cutBy);
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (status >= 300 && status < 400 && status !== 304 && location) {
        res.resume();
        if (redirects >= MAX_REDIRECTS)
          throw new TypeError("fetch failed", { cause: new Error("too many redirects") });
        hop = redirectHop(hop, status, location);
        continue;
      }
      // A stream outlives this call: from its headers on, the caller's idle timer applies.
      handedOn = res;
      return await answer(res, hop.method, release);
    }
  } catch (err) {
    handedOn = null;
    release();
    if (caller?.aborted) throw caller.reason;
    if (expired) throw timedOut();
    throw err;
  } finally {
    clearTimeout(timer);
    const stillOpen = handedOn && !handedOn.closed ? handedOn : null;
    if (stillOpen) stillOpen.once("close", () => caller?.removeEventListener("abort", onAbort));
    else caller?.removeEventListener("abort", onAbort);
  }
}

function checkedUrl(input: string | URL): URL {
  const url = new URL(input);
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new TypeError("fetch failed", { cause: new Error(`unsupported URL ${url.protocol}`) });
  return url;
}

export const httpFetch: typeof fetch = async (input, init) => {
  const url = checkedUrl(input instanceof Request ? input.url : String(input));
  const caller = init?.signal ?? undefined;
  if (caller?.aborted) throw caller.reason;
  const { data, type } = await bodyBytes(init?.body);
  const headers: Record<string, string> = {};
  new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
  if (type && !headers["content-type"]) headers["content-type"] = type;
  if (data != null) headers["content-length"] = String(Buffer.byteLength(data));
  const hop = { url, method: (init?.method ?? "GET").toUpperCase(), headers, body: data };
  return exchange(hop, caller, toResponse, overloaded);
};

/** An answer read whole, as plain data: status, Node's lower-cased headers and the body bytes. */
export type RawAnswer = {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
};

/** An answer whose body is read as it arrives (an event stream), or is already whole. */
export type OpenAnswer = {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
};

export type RawInit = {
  method: string;
  headers: Record<string, string>;
  body?: string | null;
  signal?: AbortSignal;
};

function rawHop(input: string | URL, init: RawInit): Hop {
  const body = init.body ?? null;
  const headers =
    body == null
      ? init.headers
      : { ...init.headers, "content-length": String(Buffer.byteLength(body)) };
  return { url: checkedUrl(input), method: init.method.toUpperCase(), headers, body };
}

const overloadedRaw = (origin: string): RawAnswer => ({
  status: 503,
  headers: { "retry-after": String(OVERLOAD_RETRY_AFTER), [OVERLOADED_HEADER]: "1" },
  body: Buffer.from(overloadedBody(origin)),
});

async function rawAnswer(res: http.IncomingMessage, method: string): Promise<RawAnswer> {
  const status = res.statusCode ?? 0;
  if (NO_BODY.has(status) || method === "HEAD") {
    res.resume();
    return { status, headers: res.headers, body: Buffer.alloc(0) };
  }
  return { status, headers: res.headers, body: await readWhole(res) };
}

/**
 * The same exchange as httpFetch (pool, timeout, redirects, errors) for a caller that needs no
 * WHATWG Response: the answer comes back as bytes (./wire.ts, the gateway's hot path). `headers`
 * are lower-case names; a string body is sent as is.
 */
export function httpRequest(input: string | URL, init: RawInit): Promise<RawAnswer> {
  return exchange(
    rawHop(input, init),
    init.signal,
    (res, method, release) => {
      res.once("close", release);
      return rawAnswer(res, method);
    },
    overloadedRaw,
  );
}

/**
 * httpRequest for an answer that may be an event stream: that body is handed on as it arrives
 * (from its headers on, the caller's own idle timer applies, as with httpFetch); any other body
 * is read whole first.
 */
export function httpOpen(input: string | URL, init: RawInit): Promise<OpenAnswer> {
  return exchange<OpenAnswer>(
    rawHop(input, init),
    init.signal,
    async (res, method, release) => {
      res.once("close", release);
      if (/^text\/event-stream/i.test(res.headers["content-type"] ?? ""))
        return { status: res.statusCode ?? 0, headers: res.headers, body: res };
      const whole = await rawAnswer(res, method);
      return { ...whole, body: [whole.body] };
    },
    (origin) => {
      const raw = overloadedRaw(origin);
      return { ...raw, body: [raw.body] };
    },
  );
}
