import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { publicPagesChanged } from "@/lib/public-pages";
// @ts-expect-error — plain ESM module without types
import { pageCache } from "../../scripts/page-cache.mjs";

// The production server's page cache (scripts/page-cache.mjs) on a real HTTP server, in front of
// a stand-in for Next.js that numbers its renders, so a test sees which answers were rendered.

type Render = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  n: number,
) => void | Promise<void>;

const html = (req: http.IncomingMessage, res: http.ServerResponse, n: number) => {
  res.setHeader("content-type", "text/html; charset=utf-8");
  res.setHeader("cache-control", "private, no-cache, no-store, max-age=0, must-revalidate");
  res.write(`<html><body>render ${n} of ${req.url}`);
  res.end("</body></html>");
};

let servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  servers = [];
});

async function serve(ttlSeconds: number, render: Render = html) {
  const cached = pageCache(ttlSeconds);
  let renders = 0;
  const server = http.createServer((req, res) =>
    cached(req, res, (rq: http.IncomingMessage, rs: http.ServerResponse) =>
      render(rq, rs, ++renders),
    ),
  );
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(base + path, { headers });
    return { status: res.status, cache: res.headers.get("x-page-cache"), text: await res.text() };
  };
  return { url: base, get, renders: () => renders };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("page cache", () => {
  it("answers an anonymous feed page again from what Next.js sent, per path and filter", async () => {
    const s = await serve(5);
    const first = await s.get("/explore?tag=猫");
    expect(first).toMatchObject({ status: 200, cache: null });
    const again = await s.get("/explore?tag=猫");
    expect(again).toMatchObject({ status: 200, cache: "hit", text: first.text });
    expect((await s.get("/explore?tag=狗")).cache).toBeNull();
    expect((await s.get("/")).cache).toBeNull();
    expect((await s.get("/")).cache).toBe("hit");
    expect(s.renders()).toBe(3);
  });

  it("keeps the original headers; a hit has its own length", async () => {
    const s = await serve(5);
    const first = await fetch(`${s.url}/`);
    await first.text();
    const hit = await fetch(`${s.url}/`);
    const body = await hit.text();
    expect(hit.headers.get("x-page-cache")).toBe("hit");
    for (const name of ["content-type", "cache-control"])
      expect(hit.headers.get(name)).toBe(first.headers.get(name));
    expect(Number(hit.headers.get("content-length"))).toBe(Buffer.byteLength(body));
  });

  it("never answers a navigation, HEAD or a foreign parameter", async () => {
    const s = await serve(5);
    const cases: [string, Record<string, string>][] = [
      ["/", { rsc: "1" }],
      ["/", { "next-router-prefetch": "1" }],
      ["/explore?_rsc=abc", {}],
      ["/explore?tag=a&utm=1", {}],
      ["/works/abc", {}],
      ["/me", {}],
    ];
    for (const [path, headers] of cases) {
      await s.get(path, headers);
      expect((await s.get(path, headers)).cache, `${path} ${JSON.stringify(headers)}`).toBeNull();
    }
    const renders = s.renders();
    for (let i = 0; i < 2; i++) await fetch(`${s.url}/`, { method: "HEAD" });
    expect(s.renders()).toBe(renders + 2);
    // The pages are the same for everyone: a session cookie is answered from the same entry.
    await s.get("/");
    expect((await s.get("/", { cookie: "a=1; next-auth.session-token=x" })).cache).toBe("hit");
  });

  it("drops every kept page when the public pages change", async () => {
    const s = await serve(5);
    await s.get("/");
    expect((await s.get("/")).cache).toBe("hit");
    publicPagesChanged();
    const after = await s.get("/");
    expect(after.cache).toBeNull();
    expect(after.text).toContain("render 2");
  });

  it("renders again after the TTL; 0 turns the cache off", async () => {
    const s = await serve(0.15);
    await s.get("/");
    expect((await s.get("/")).cache).toBe("hit");
    await sleep(200);
    expect((await s.get("/")).cache).toBeNull();
    const off = await serve(0);
    await off.get("/");
    expect((await off.get("/")).cache).toBeNull();
    expect(off.renders()).toBe(2);
  });

  it("keeps nothing but a whole 200 HTML answer without cookies", async () => {
    const answers: Render[] = [
      (_q, res) => {
        res.statusCode = 404;
        html(_q, res, 0);
      },
      (_q, res) => {
        res.setHeader("set-cookie", "a=1");
        html(_q, res, 0);
      },
      (_q, res) => {
        res.setHeader("content-type", "application/json");
        res.end("{}");
      },
      (_q, res) => {
        // Cut mid-answer.
        res.setHeader("content-type", "text/html");
        res.write("<html>");
        res.destroy();
      },
    ];
    for (const answer of answers) {
      const s = await serve(5, answer);
      await s.get("/").catch(() => null);
      await s.get("/").catch(() => null);
      expect(s.renders()).toBe(2);
    }
  });

  it("concurrent misses share one render", async () => {
    const s = await serve(5, async (req, res, n) => {
      await sleep(50);
      html(req, res, n);
    });
    const all = await Promise.all(Array.from({ length: 8 }, () => s.get("/explore")));
    expect(s.renders()).toBe(1);
    expect(all.filter((r) => r.cache === null)).toHaveLength(1);
    expect(new Set(all.map((r) => r.text)).size).toBe(1);
  });

  it("keeps each Accept-Encoding apart", async () => {
    const s = await serve(5, (req, res, n) => {
      res.setHeader("content-type", "text/html");
      if (/gzip/.test(String(req.headers["accept-encoding"]))) {
        res.setHeader("content-encoding", "gzip");
        res.end(zlib.gzipSync(`<html>gzip ${n}</html>`));
      } else res.end(`<html>plain ${n}</html>`);
    });
    const raw = (enc: string) =>
      new Promise<{ enc?: string; cache?: string; body: Buffer }>((resolve) => {
        http.get(`${s.url}/`, { headers: { "accept-encoding": enc } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({
              enc: res.headers["content-encoding"],
              cache: res.headers["x-page-cache"] as string | undefined,
              body: Buffer.concat(chunks),
            }),
          );
        });
      });
    await raw("gzip");
    await raw("identity");
    const gz = await raw("gzip");
    expect(gz).toMatchObject({ enc: "gzip", cache: "hit" });
    expect(zlib.gunzipSync(gz.body).toString()).toBe("<html>gzip 1</html>");
    const plain = await raw("identity");
    expect(plain).toMatchObject({ enc: undefined, cache: "hit" });
    expect(plain.body.toString()).toBe("<html>plain 2</html>");
  });
});
