import "server-only";
import http from "node:http";
import https from "node:https";
import { Readable } from "node:stream";

// A `fetch` for provider calls over node:http with keep-alive agents. Node's global fetch (undici)
// runs the whole WHATWG fetch algorithm, a WebAssembly HTTP parser and web streams for every
// call, which made the upstream round trip the gateway's largest cost after Next.js itself.
// Covers what provider calls send: string (or absent) bodies to http(s) URLs. Anything else
// (FormData uploads, redirects) goes to fetch, and so does everything once a test has replaced
// the global fetch with a double.
//
// Answers: an event stream is handed on as it arrives; any other body is read whole before the
// Response is returned (the SDK reads it whole anyway), so the caller's timeout covers it too.
// No accept-encoding is sent, so bodies come back uncompressed. Errors look like fetch's: an
// aborted signal rejects with its reason, a network failure with TypeError("fetch failed", {cause}).

const agents = {
  "http:": new http.Agent({ keepAlive: true, maxSockets: 256 }),
  "https:": new https.Agent({ keepAlive: true, maxSockets: 256 }),
};

/** Node's own fetch; inside a route Next.js wraps it with tracing and its data cache. */
export function nodeFetch(): typeof fetch {
  const current = globalThis.fetch as typeof fetch & { _nextOriginalFetch?: typeof fetch };
  return current._nextOriginalFetch ?? current;
}

const bootFetch = nodeFetch();

const NO_BODY = new Set([101, 103, 204, 205, 304]);

function toHeaders(raw: string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i], raw[i + 1]);
  return headers;
}

export const httpFetch: typeof fetch = (input, init) => {
  const body = init?.body;
  const url = typeof input === "string" ? new URL(input) : input instanceof URL ? input : null;
  if (
    nodeFetch() !== bootFetch ||
    !url ||
    (url.protocol !== "http:" && url.protocol !== "https:") ||
    (body != null && typeof body !== "string")
  ) {
    return nodeFetch()(input, init);
  }
  const signal = init?.signal ?? undefined;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const headers: Record<string, string> = {};
  new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
  if (body != null) headers["content-length"] = String(Buffer.byteLength(body));
  const method = (init?.method ?? "GET").toUpperCase();

  return new Promise<Response>((resolve, reject) => {
    const fail = (err: unknown) =>
      reject(signal?.aborted ? signal.reason : new TypeError("fetch failed", { cause: err }));
    const req = (url.protocol === "https:" ? https : http).request(
      url,
      { method, headers, agent: agents[url.protocol as "http:" | "https:"], signal },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && res.headers.location) {
          res.resume();
          resolve(nodeFetch()(input, init));
          return;
        }
        const meta = {
          status,
          statusText: res.statusMessage ?? "",
          headers: toHeaders(res.rawHeaders),
        };
        if (NO_BODY.has(status) || method === "HEAD") {
          res.resume();
          resolve(new Response(null, meta));
          return;
        }
        if (/^text\/event-stream/i.test(res.headers["content-type"] ?? "")) {
          resolve(new Response(Readable.toWeb(res) as ReadableStream<Uint8Array>, meta));
          return;
        }
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve(new Response(Buffer.concat(chunks), meta)));
        res.on("error", fail);
        res.on("close", () => {
          if (!res.complete) fail(new Error("upstream closed the connection mid-body"));
        });
      },
    );
    req.on("error", fail);
    req.end(body ?? undefined);
  });
};
