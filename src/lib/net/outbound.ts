import "server-only";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { pipeline, type Readable, Transform } from "node:stream";
import { env } from "@/lib/env";

// Fetching a URL a provider handed us (a result image, a video file). A hostile or compromised
// provider could point it at our own network: loopback, the metadata service, a database port.
// So every connection is checked where it actually goes — after DNS, on the address the socket
// connects to (no check-then-resolve-again gap for DNS rebinding) — and again on every redirect.
//
// Allowed: public unicast addresses; the provider's own host (the admin chose it, e.g. a
// self-hosted gateway serving its files); hosts and CIDRs in OUTBOUND_ALLOW_HOSTS. Everything
// fails with one OutboundError whose message says nothing about why (no port-state oracle); the
// reason is only for our logs.

export class OutboundError extends Error {
  constructor(readonly reason: string) {
    super("outbound request refused or failed");
    this.name = "OutboundError";
  }
}

const blocked = new net.BlockList();
for (const [cidr, bits] of [
  ["0.0.0.0", 8], // "this" network
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const)
  blocked.addSubnet(cidr, bits, "ipv4");
for (const [cidr, bits] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96], // NAT64: embeds an IPv4 address
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
] as const)
  blocked.addSubnet(cidr, bits, "ipv6");

/** The IPv4 address inside an IPv4-mapped or -compatible IPv6 address (::ffff:127.0.0.1). */
function embeddedV4(address: string): string | null {
  const m = /^::(?:ffff:)?((?:\d{1,3}\.){3}\d{1,3})$/i.exec(address);
  if (m) return m[1];
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return null;
  const hi = parseInt(hex[1], 16);
  const lo = parseInt(hex[2], 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** True for an address that is not public unicast (loopback, private, link-local, reserved…). */
export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family === 6) {
    const v4 = embeddedV4(address);
    if (v4) return blocked.check(v4, "ipv4");
    return blocked.check(address, "ipv6");
  }
  return true;
}

type AllowRules = { hosts: Set<string>; nets: net.BlockList };

/** Parses an allow list: host names, IP addresses and CIDRs, comma separated. */
export function parseAllowList(raw: string | undefined): AllowRules {
  const hosts = new Set<string>();
  const nets = new net.BlockList();
  for (const item of (raw ?? "").split(",").map((s) => s.trim().toLowerCase())) {
    if (!item) continue;
    const [addr, bits] = item.split("/");
    const family = net.isIP(addr);
    if (family && bits !== undefined) {
      nets.addSubnet(addr, Number(bits), family === 4 ? "ipv4" : "ipv6");
    } else if (family) {
      nets.addAddress(addr, family === 4 ? "ipv4" : "ipv6");
    } else {
      hosts.add(item.replace(/^\[|\]$/g, ""));
    }
  }
  return { hosts, nets };
}

const configured = parseAllowList(env.OUTBOUND_ALLOW_HOSTS);

export type OutboundOptions = {
  /** Host names trusted for this request besides the configured list (the provider's own host). */
  trustedHosts?: string[];
  /** Connection + response headers must arrive within this, and no body chunk may take longer. */
  timeoutMs: number;
  /** Largest body accepted; a bigger one fails while streaming. */
  maxBytes: number;
  signal?: AbortSignal;
  maxRedirects?: number;
  /**
   * Extra request headers (a provider's credentials for its own content endpoint). Sent only to
   * the first URL's origin: a redirect elsewhere (a CDN) never receives them.
   */
  headers?: Record<string, string>;
  /** Overrides OUTBOUND_ALLOW_HOSTS (tests). */
  allow?: AllowRules;
};

export type OutboundResponse = {
  status: number;
  contentType: string | null;
  contentLength: number | null;
  /** The body, capped at maxBytes (the stream errors with OutboundError past it). */
  body: Readable;
};

const bareHost = (hostname: string) => hostname.toLowerCase().replace(/^\[|\]$/g, "");

function addressAllowed(address: string, rules: AllowRules): boolean {
  const family = net.isIP(address);
  if (family && rules.nets.check(address, family === 4 ? "ipv4" : "ipv6")) return true;
  return !isPrivateAddress(address);
}

/**
 * A `lookup` for http.request that only ever hands the socket an allowed address: the check
 * runs on exactly what is connected to.
 */
function guardedLookup(rules: AllowRules, trusted: boolean): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { all: true, verbatim: true }, (err, addresses) => {
      if (err) return callback(err, "", 0);
      const ok = trusted ? addresses : addresses.filter((a) => addressAllowed(a.address, rules));
      if (!ok.length) return callback(new OutboundError("address not allowed"), "", 0);
      if ((options as { all?: boolean }).all)
        return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, ok);
      callback(null, ok[0].address, ok[0].family);
    });
  };
}

function requestOnce(
  url: URL,
  opts: OutboundOptions,
  rules: AllowRules,
  extraHeaders: Record<string, string> = {},
) {
  const host = bareHost(url.hostname);
  const trusted =
    rules.hosts.has(host) || (opts.trustedHosts ?? []).some((h) => bareHost(h) === host);
  // A literal IP never goes through lookup: check it here.
  if (net.isIP(host) && !trusted && !addressAllowed(host, rules))
    return Promise.reject(new OutboundError("address not allowed"));
  const mod = url.protocol === "https:" ? https : http;
  return new Promise<http.IncomingMessage>((resolve, reject) => {
    const req = mod.request(url, {
      method: "GET",
      headers: { accept: "*/*", "user-agent": "aigc-studio", ...extraHeaders },
      lookup: guardedLookup(rules, trusted),
      agent: false,
      signal: opts.signal,
    });
    const timer = setTimeout(() => req.destroy(new OutboundError("timeout")), opts.timeoutMs);
    req.on("response", (res) => {
      clearTimeout(timer);
      resolve(res);
    });
    req.on("error", (err) => {
      clearTimeout(timer);
      reject(err instanceof OutboundError ? err : new OutboundError(err.message));
    });
    req.end();
  });
}

function capped(res: http.IncomingMessage, maxBytes: number, idleMs: number): Readable {
  res.socket?.setTimeout(idleMs, () => res.destroy(new OutboundError("idle timeout")));
  // A counting pass-through rather than a 'data' listener on `res`: a listener would switch the
  // response into flowing mode, and bytes arriving before the caller starts reading were lost.
  let total = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      total += chunk.length;
      if (total > maxBytes) done(new OutboundError("body too large"));
      else done(null, chunk);
    },
  });
  pipeline(res, counter, (err) => {
    if (err) res.destroy();
  });
  return counter;
}

/**
 * GETs a provider-supplied URL under the rules above. Only http(s); redirects are followed by
 * hand (at most `maxRedirects`, default 3) and each hop is checked again. Non-2xx answers fail.
 */
export async function fetchOutbound(raw: string, opts: OutboundOptions): Promise<OutboundResponse> {
  const rules = opts.allow ?? configured;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundError("bad url");
  }
  const maxRedirects = opts.maxRedirects ?? 3;
  const origin = url.origin;
  for (let hop = 0; ; hop++) {
    if (url.protocol !== "http:" && url.protocol !== "https:")
      throw new OutboundError("scheme not allowed");
    if (url.username || url.password) throw new OutboundError("credentials in url");
    const res = await requestOnce(url, opts, rules, url.origin === origin ? opts.headers : {});
    const status = res.statusCode ?? 0;
    if (status >= 300 && status < 400 && res.headers.location) {
      res.resume();
      if (hop >= maxRedirects) throw new OutboundError("too many redirects");
      url = new URL(res.headers.location, url);
      continue;
    }
    if (status < 200 || status >= 300) {
      res.resume();
      throw new OutboundError(`status ${status}`);
    }
    const length = Number(res.headers["content-length"]);
    if (Number.isFinite(length) && length > opts.maxBytes) {
      res.destroy();
      throw new OutboundError("body too large");
    }
    return {
      status,
      contentType: res.headers["content-type"] ?? null,
      contentLength: Number.isFinite(length) ? length : null,
      body: capped(res, opts.maxBytes, opts.timeoutMs),
    };
  }
}

/** fetchOutbound, read whole into memory (for small results such as images). */
export async function fetchOutboundBuffer(raw: string, opts: OutboundOptions): Promise<Buffer> {
  const res = await fetchOutbound(raw, opts);
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of res.body) chunks.push(chunk as Buffer);
  } catch (err) {
    throw err instanceof OutboundError ? err : new OutboundError((err as Error).message);
  }
  return Buffer.concat(chunks);
}
