// The public feed pages (/ and /explore, with their filters), kept for a few seconds by the
// production server (scripts/server.mjs): what an nginx micro-cache in front of the app would do,
// with the app's own invalidation.
//
// - These pages are the same HTML for every visitor, signed in or not: they read no cookie, and
//   the per-visitor parts (the Topbar's account area, the hearts) are client islands filled in
//   from GET /api/me. So any plain document GET with no query parameter other than the feed's
//   own filters is served from here. Client-side navigations (RSC requests), HEAD and anything
//   else go to Next.js as before.
// - What is kept is exactly what Next.js sent (status 200, HTML, no Set-Cookie), per path, query
//   and Accept-Encoding, for PAGE_CACHE_SECONDS (default 5; 0 turns the cache off).
// - A write that changes what these pages show (a work published, removed, retagged or liked; the
//   site announcement) bumps a version in this process (src/lib/public-pages.ts) and every kept
//   page is dropped at once. So are writes made by another instance or a task worker when
//   REDIS_URL carries the news (src/lib/broadcast.ts); otherwise they show within the TTL, as
//   with the gallery's own data cache (src/lib/gallery/cache.ts).
// - Requests for a page that is being rendered wait for that render instead of starting their
//   own, so an expiry under load costs one render, not one per connection.

const FEED_PATHS = new Set(["/", "/explore"]);
const FEED_PARAMS = new Set(["type", "sort", "tag", "model"]);
// Headers Next.js sends that depend on the request, not on the page.
const VARY_HEADERS = [
  "rsc",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-url",
];
const HOP_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding"]);
// A page is about 50–70 KB; the budget holds a few hundred filter combinations.
const MAX_BYTES = 512 * 1024;
const BUDGET_BYTES = 16 * 1024 * 1024;

/** The process-wide version src/lib/public-pages.ts moves on every relevant write. */
const version = () => globalThis.__aigcPublicPages?.version ?? 0;

/** The cache key of a request this cache may answer; null for every other request. */
function keyOf(req) {
  if (req.method !== "GET") return null;
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  if (!FEED_PATHS.has(path)) return null;
  if (q !== -1) {
    for (const name of new URLSearchParams(url.slice(q + 1)).keys())
      if (!FEED_PARAMS.has(name)) return null;
  }
  const h = req.headers;
  if (VARY_HEADERS.some((name) => h[name] !== undefined)) return null;
  return `${url}\n${h["accept-encoding"] ?? ""}`;
}

/**
 * Wraps `res` to keep what Next.js writes; resolves with the entry once the response finished
 * whole and may be kept, else null.
 */
function record(res, startedAt) {
  const chunks = [];
  let bytes = 0;
  const write = res.write;
  const end = res.end;
  const keep = (chunk, encoding) => {
    if (chunk == null || typeof chunk === "function" || bytes > MAX_BYTES) return;
    const buf = typeof chunk === "string" ? Buffer.from(chunk, encoding) : Buffer.from(chunk);
    bytes += buf.length;
    chunks.push(buf);
  };
  res.write = function (chunk, encoding, cb) {
    keep(chunk, typeof encoding === "string" ? encoding : "utf8");
    return write.call(this, chunk, encoding, cb);
  };
  res.end = function (chunk, encoding, cb) {
    keep(chunk, typeof encoding === "string" ? encoding : "utf8");
    return end.call(this, chunk, encoding, cb);
  };
  return new Promise((resolve) => {
    res.once("close", () => {
      const headers = res.getHeaders();
      const type = String(headers["content-type"] ?? "");
      if (
        !res.writableFinished ||
        res.statusCode !== 200 ||
        !type.startsWith("text/html") ||
        headers["set-cookie"] !== undefined ||
        bytes > MAX_BYTES
      )
        return resolve(null);
      const kept = {};
      for (const [name, value] of Object.entries(headers))
        if (!HOP_HEADERS.has(name) && name !== "content-length") kept[name] = value;
      resolve({ ...startedAt, headers: kept, body: Buffer.concat(chunks) });
    });
  });
}

export function pageCache(ttlSeconds) {
  const ttl = ttlSeconds * 1000;
  /** key → { version, expires, headers, body }, oldest first. */
  const entries = new Map();
  let held = 0;
  const drop = (key) => {
    const entry = entries.get(key);
    if (entry) held -= entry.body.length;
    entries.delete(key);
  };
  /** key → Promise<entry | null>: a render in progress. */
  const rendering = new Map();

  const fresh = (entry) =>
    entry !== null && entry.version === version() && entry.expires > performance.now();

  function serve(res, entry) {
    res.writeHead(200, {
      ...entry.headers,
      "content-length": entry.body.length,
      "x-page-cache": "hit",
    });
    res.end(entry.body);
  }

  /** Answers `req` from the cache, or through `render(req, res)` (Next.js), keeping the result. */
  return async function handle(req, res, render) {
    const key = ttl > 0 ? keyOf(req) : null;
    if (key === null) return render(req, res);
    const kept = entries.get(key);
    if (kept && fresh(kept)) return serve(res, kept);
    const pending = rendering.get(key);
    if (pending) {
      const entry = await pending;
      return fresh(entry) ? serve(res, entry) : render(req, res);
    }
    const done = record(res, { version: version(), expires: performance.now() + ttl });
    rendering.set(key, done);
    done.then((entry) => {
      rendering.delete(key);
      drop(key);
      if (!entry) return;
      // The oldest entries make room: made-up filter values cannot grow the cache without bound.
      while (held + entry.body.length > BUDGET_BYTES) drop(entries.keys().next().value);
      entries.set(key, entry);
      held += entry.body.length;
    });
    return render(req, res);
  };
}
