import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  fetchOutbound,
  fetchOutboundBuffer,
  isPrivateAddress,
  OutboundError,
  parseAllowList,
} from "@/lib/net/outbound";

describe("isPrivateAddress", () => {
  it.each([
    ["127.0.0.1", true],
    ["127.255.0.9", true],
    ["0.0.0.0", true],
    ["10.1.2.3", true],
    ["172.16.0.1", true],
    ["172.31.255.255", true],
    ["192.168.1.1", true],
    ["169.254.169.254", true],
    ["100.64.0.1", true],
    ["224.0.0.1", true],
    ["255.255.255.255", true],
    ["::1", true],
    ["::", true],
    ["::ffff:127.0.0.1", true],
    ["::ffff:7f00:1", true],
    ["::ffff:a9fe:a9fe", true],
    ["64:ff9b::7f00:1", true],
    ["fe80::1", true],
    ["fd12:3456::1", true],
    ["not-an-ip", true],
    ["8.8.8.8", false],
    ["172.32.0.1", false],
    ["93.184.216.34", false],
    ["2606:4700:4700::1111", false],
    ["::ffff:8.8.8.8", false],
  ])("%s → %s", (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});

describe("fetchOutbound", () => {
  let server: http.Server;
  let port = 0;
  const none = parseAllowList("");

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://x");
      if (url.pathname === "/ok") return res.end("hello");
      if (url.pathname === "/whoami") return res.end(req.headers.authorization ?? "none");
      if (url.pathname === "/big") return res.end(Buffer.alloc(5000));
      if (url.pathname === "/slow") return setTimeout(() => res.end("late"), 2000);
      if (url.pathname === "/loop") {
        res.writeHead(302, { location: "/loop" });
        return res.end();
      }
      if (url.pathname === "/to") {
        res.writeHead(302, { location: url.searchParams.get("u") ?? "/ok" });
        return res.end();
      }
      res.writeHead(404);
      res.end("missing");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const opts = (extra: Partial<Parameters<typeof fetchOutbound>[1]> = {}) => ({
    timeoutMs: 1000,
    maxBytes: 1000,
    allow: none,
    ...extra,
  });

  it.each([
    ["loopback literal", () => `http://127.0.0.1:${port}/ok`],
    ["localhost name", () => `http://localhost:${port}/ok`],
    ["decimal IPv4", () => `http://2130706433:${port}/ok`],
    ["IPv6 loopback", () => `http://[::1]:${port}/ok`],
    ["0.0.0.0", () => `http://0.0.0.0:${port}/ok`],
    ["file scheme", () => "file:///etc/passwd"],
    ["ftp scheme", () => `ftp://127.0.0.1:${port}/ok`],
  ])("refuses %s", async (_name, url) => {
    await expect(fetchOutboundBuffer(url(), opts())).rejects.toBeInstanceOf(OutboundError);
  });

  it("fetches from a trusted host, and from an allowed CIDR", async () => {
    const trusted = await fetchOutboundBuffer(
      `http://127.0.0.1:${port}/ok`,
      opts({ trustedHosts: ["127.0.0.1"] }),
    );
    expect(trusted.toString()).toBe("hello");
    const cidr = await fetchOutboundBuffer(
      `http://localhost:${port}/ok`,
      opts({ allow: parseAllowList("127.0.0.0/8, ::1/128") }),
    );
    expect(cidr.toString()).toBe("hello");
  });

  it("checks every redirect hop: a trusted host cannot bounce the fetch to another private one", async () => {
    const bounce = `http://127.0.0.1:${port}/to?u=${encodeURIComponent(`http://localhost:${port}/ok`)}`;
    await expect(
      fetchOutboundBuffer(bounce, opts({ trustedHosts: ["127.0.0.1"] })),
    ).rejects.toBeInstanceOf(OutboundError);
    const sameHost = `http://127.0.0.1:${port}/to?u=/ok`;
    const ok = await fetchOutboundBuffer(sameHost, opts({ trustedHosts: ["127.0.0.1"] }));
    expect(ok.toString()).toBe("hello");
  });

  it("caps redirects, size and time, and fails on non-2xx — all with the same error", async () => {
    const trusted = { trustedHosts: ["127.0.0.1"] };
    const errors = await Promise.all(
      [
        fetchOutboundBuffer(`http://127.0.0.1:${port}/loop`, opts(trusted)),
        fetchOutboundBuffer(`http://127.0.0.1:${port}/big`, opts(trusted)),
        fetchOutboundBuffer(`http://127.0.0.1:${port}/slow`, opts({ ...trusted, timeoutMs: 200 })),
        fetchOutboundBuffer(`http://127.0.0.1:${port}/missing`, opts(trusted)),
      ].map((p) =>
        p.then(
          () => null,
          (e: unknown) => e,
        ),
      ),
    );
    for (const e of errors) {
      expect(e).toBeInstanceOf(OutboundError);
      expect((e as Error).message).toBe("outbound request refused or failed");
    }
    expect(errors.map((e) => (e as OutboundError).reason)).toEqual([
      "too many redirects",
      "body too large",
      "timeout",
      "status 404",
    ]);
  });

  it("streams the body", async () => {
    const res = await fetchOutbound(
      `http://127.0.0.1:${port}/ok`,
      opts({ trustedHosts: ["127.0.0.1"] }),
    );
    expect(res.status).toBe(200);
    let text = "";
    for await (const chunk of res.body) text += chunk;
    expect(text).toBe("hello");
  });

  it("keeps every byte when the body has fully arrived before the caller starts reading", async () => {
    const res = await fetchOutbound(
      `http://127.0.0.1:${port}/big`,
      opts({ trustedHosts: ["127.0.0.1"], maxBytes: 10_000 }),
    );
    await new Promise((r) => setTimeout(r, 100));
    let size = 0;
    for await (const chunk of res.body) size += (chunk as Buffer).length;
    expect(size).toBe(5000);
  });

  it("sends extra headers to the first URL's origin only, never across a redirect", async () => {
    const o = opts({
      trustedHosts: ["127.0.0.1", "localhost"],
      headers: { authorization: "Bearer k" },
    });
    const direct = await fetchOutboundBuffer(`http://127.0.0.1:${port}/whoami`, o);
    expect(direct.toString()).toBe("Bearer k");
    const bounced = await fetchOutboundBuffer(
      `http://127.0.0.1:${port}/to?u=${encodeURIComponent(`http://localhost:${port}/whoami`)}`,
      o,
    );
    expect(bounced.toString()).toBe("none");
  });
});
