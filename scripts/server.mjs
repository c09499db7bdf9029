#!/usr/bin/env node
// The production server (`npm start`, the integration tests, e2e and the bench):
//
//   node scripts/server.mjs [-p PORT] [-H HOSTNAME]     (after `next build`)
//
// Next.js serves everything, through its own request handler, except the AI gateway's hot path
// and /api/me (asked once per page view by the Topbar's client island, src/lib/client/viewer.ts):
// a /v1/*, /api/ai/* or /api/me request whose route file exports its method goes straight to that
// route's compiled handler (the same module Next.js loads; one implementation of every endpoint)
// as a Web Request, and its Response is written back as is. That skips Next's per-request pipeline
// (routing, RSC checks, route-module setup, response wrapping): half the CPU of a billed call.
// Whatever the handler cannot tell apart stays as Next does it: the request URL and the
// X-Forwarded-* headers are filled the same way, the client going away aborts `req.signal`, and
// the hooks installed at boot (src/lib/api/server-hooks.ts: untrusted forwarding headers dropped,
// undecodable paths, bounded leftover bodies, JSON error shapes) run for every request because
// they sit on http.Server itself. Anything unusual — OPTIONS (CORS preflights, in src/proxy.ts),
// HEAD, a method the route does not export (405), percent-encoded or non-canonical paths, paths
// no route file serves (JSON 404) — goes to Next.js unchanged.
//
// Anonymous document views of the public feed pages (/ and /explore) are answered from a short
// page cache (scripts/page-cache.mjs) once Next.js has rendered them; PAGE_CACHE_SECONDS.
//
// Once no request has come for 30 s, the garbage of the last burst is collected
// (scripts/idle-gc.mjs): V8 only collects while the program allocates; IDLE_GC_SECONDS.
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { idleCollector } from "./idle-gc.mjs";
import { pageCache } from "./page-cache.mjs";

process.env.NODE_ENV = "production";
const root = path.resolve(import.meta.dirname, "..");
const require = createRequire(path.join(root, "package.json"));
const next = require("next");

function arg(short, long) {
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === short || argv[i] === long) return argv[i + 1];
    if (argv[i].startsWith(`${long}=`)) return argv[i].slice(long.length + 1);
  }
  return undefined;
}

const port = Number(arg("-p", "--port") ?? process.env.PORT ?? 3000);
const hostname = arg("-H", "--hostname") ?? process.env.HOSTNAME;
const distDir = path.join(root, process.env.NEXT_DIST_DIR || ".next");

/** The gateway's route files, most specific first: [{ segments, file }]. */
function gatewayRoutes() {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(distDir, "server/app-paths-manifest.json"), "utf8"),
  );
  const rank = (s) => (s.startsWith("[...") ? 2 : s.startsWith("[") ? 1 : 0);
  return Object.entries(manifest)
    .filter(([page]) => page.endsWith("/route"))
    .map(([page, file]) => ({
      // Route groups "(x)" are not part of the URL.
      segments: page
        .slice(1, -"/route".length)
        .split("/")
        .filter((s) => !/^\(.*\)$/.test(s)),
      file: path.join(distDir, "server", file),
    }))
    .filter(
      ({ segments }) =>
        (segments[0] === "v1" ||
          (segments[0] === "api" && segments[1] === "ai") ||
          segments.join("/") === "api/me") &&
        // The optional catch-alls are the JSON 404 fallbacks: Next.js routes those.
        !segments.some((s) => s.startsWith("[[")),
    )
    .sort((a, b) => {
      for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) {
        const d = rank(a.segments[i] ?? "") - rank(b.segments[i] ?? "");
        if (d) return d;
      }
      return b.segments.length - a.segments.length;
    });
}

/** The route and params for a canonical path, as Next.js would resolve them; else null. */
function match(routes, pathname) {
  const parts = pathname.slice(1).split("/");
  outer: for (const route of routes) {
    const params = {};
    const segs = route.segments;
    for (let i = 0; i < segs.length; i++) {
      const seg = segs[i];
      if (seg.startsWith("[...")) {
        if (i !== segs.length - 1 || i >= parts.length) continue outer;
        params[seg.slice(4, -1)] = parts.slice(i);
        return { route, params };
      }
      if (i >= parts.length) continue outer;
      if (seg.startsWith("[")) params[seg.slice(1, -1)] = parts[i];
      else if (seg !== parts[i]) continue outer;
    }
    if (segs.length === parts.length) return { route, params };
  }
  return null;
}

const handlers = new Map();
/** The route's exported handler for `method`, loaded through Next's own module (cached). */
async function handlerFor(file, method) {
  let userland = handlers.get(file);
  if (!userland) {
    const mod = require(file);
    await mod.routeModule.ensureUserland();
    userland = mod.routeModule.userland;
    handlers.set(file, userland);
  }
  return typeof userland[method] === "function" ? userland[method] : null;
}

const GATEWAY_PATH = /^\/(?:v1\/|api\/ai\/|api\/me$)/;
// Paths Next.js would redirect, normalise or decode: left to it.
const NON_CANONICAL = /%|\/\/|\\|\/\.\.?(?:\/|$)|\/$/;

// A body passed along beside the Web one, as its value (src/lib/api/body-bytes.ts).
const BODY_BYTES = Symbol.for("aigc-studio.body-bytes");

/** Writes a Web Response to the Node response; stops reading it if the client goes away. */
async function send(res, response) {
  res.statusCode = response.status;
  for (const [k, v] of response.headers) if (k !== "set-cookie") res.setHeader(k, v);
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("set-cookie", cookies);
  if (!response.body) return void res.end();
  const whole = response.bodyUsed ? undefined : response[BODY_BYTES];
  if (whole !== undefined) return void res.end(whole);
  const reader = response.body.getReader();
  const closed = new Promise((resolve) => res.once("close", resolve));
  closed.then(() => {
    if (!res.writableFinished) reader.cancel().catch(() => {});
  });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value))
        await Promise.race([new Promise((resolve) => res.once("drain", resolve)), closed]);
      if (res.destroyed) return;
    }
    res.end();
  } catch {
    res.destroy();
  }
}

// The base of the request URL, as `next start` builds it (from its own hostname, not Host).
const host = hostname || "localhost";
const origin = (proto) => `${proto}://${host.includes(":") ? `[${host}]` : host}:${port}`;

// A body that declares a small length (a chat request, say) is read here and handed on as bytes:
// turning the Node stream into a web stream costs more than the read. Larger or chunked bodies
// stream through as they arrive, so the handlers' limits (src/lib/api/body.ts) still apply as
// they are read.
const SMALL_BODY = 64 * 1024;

/** The whole body; null when the client went away before sending it. */
function readSmall(req) {
  return new Promise((resolve) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.once("end", () => resolve(Buffer.concat(chunks)));
    req.once("close", () => {
      if (!req.complete) resolve(null);
    });
    req.on("error", () => resolve(null));
  });
}

async function gateway(req, res, handler, params) {
  const proto = req.socket.encrypted ? "https" : "http";
  // As Next.js does before any route (base-server.ts), after the boot hooks dropped untrusted ones.
  req.headers["x-forwarded-host"] ??= req.headers.host ?? host;
  req.headers["x-forwarded-port"] ??= String(port);
  req.headers["x-forwarded-proto"] ??= proto;
  req.headers["x-forwarded-for"] ??= req.socket.remoteAddress;
  const aborted = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) aborted.abort();
  });
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (Array.isArray(v)) for (const one of v) headers.append(k, one);
    else if (v !== undefined) headers.set(k, v);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  let body = hasBody ? req : null;
  const length = Number(req.headers["content-length"]);
  if (hasBody && length > 0 && length <= SMALL_BODY) {
    body = await readSmall(req);
    if (!body) return void res.destroy();
  }
  const request = new NextRequest(new URL(req.url, origin(proto)), {
    method: req.method,
    headers,
    body,
    duplex: "half",
    signal: aborted.signal,
  });
  if (body && body !== req) request[BODY_BYTES] = body;
  let response;
  try {
    response = await handler(request, { params: Promise.resolve(params) });
  } catch (err) {
    // The route wrappers answer every error themselves; this is a bug. The boot hooks turn the
    // plain-text 500 into the contract's JSON shape, as they do for Next's own.
    console.error(err);
    res.statusCode = 500;
    res.setHeader("content-type", "text/plain");
    return void res.end("Internal Server Error");
  }
  await send(res, response);
}

const app = next({ dev: false, dir: root, hostname, port });
await app.prepare();
// Only after prepare(): next/server needs the AsyncLocalStorage that Next.js sets up.
const { NextRequest } = require("next/server");
const nextHandler = app.getRequestHandler();
const routes = gatewayRoutes();
const cachedPage = pageCache(Number(process.env.PAGE_CACHE_SECONDS ?? 5));
const idle = idleCollector({ quietSeconds: Number(process.env.IDLE_GC_SECONDS ?? 30) });

const server = http.createServer(async (req, res) => {
  idle.seen();
  try {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const pathname = q === -1 ? url : url.slice(0, q);
    if (
      GATEWAY_PATH.test(pathname) &&
      req.method !== "OPTIONS" &&
      req.method !== "HEAD" &&
      !NON_CANONICAL.test(pathname)
    ) {
      const found = match(routes, pathname);
      const handler = found && (await handlerFor(found.route.file, req.method));
      if (handler) return await gateway(req, res, handler, found.params);
    }
    await cachedPage(req, res, nextHandler);
  } catch (err) {
    console.error(err);
    if (!res.headersSent) {
      res.statusCode = 500;
      res.setHeader("content-type", "text/plain");
      res.end("Internal Server Error");
    } else res.destroy();
  }
});
server.listen(port, hostname, () => {
  console.log(`› ready on http://${hostname ?? "localhost"}:${port}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
