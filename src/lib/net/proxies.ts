import net from "node:net";

// Which peers may tell us who the client is. X-Forwarded-For/-Host/-Proto are only believed when
// the TCP peer is a configured proxy (TRUSTED_PROXIES: addresses, CIDRs and the word `loopback`,
// comma separated; empty by default). Anyone else could put any address there and get a fresh
// per-IP rate-limit bucket with every request, or point our absolute URLs at another host.
// Pure (no env): the request hooks and the unit tests both build a list from a string.

export type ProxyList = { check: (address: string) => boolean; empty: boolean };

/** The IPv4 address of an IPv4-mapped IPv6 one (`::ffff:10.0.0.1`), else the address itself. */
export function normalizeAddress(address: string): string {
  const m = /^::ffff:((?:\d{1,3}\.){3}\d{1,3})$/i.exec(address.trim());
  return (m ? m[1] : address.trim()).replace(/^\[|\]$/g, "");
}

export function parseProxyList(raw: string | undefined): ProxyList {
  const list = new net.BlockList();
  let empty = true;
  for (const item of (raw ?? "").split(",").map((s) => s.trim().toLowerCase())) {
    if (!item) continue;
    empty = false;
    if (item === "loopback") {
      list.addSubnet("127.0.0.0", 8, "ipv4");
      list.addAddress("::1", "ipv6");
      continue;
    }
    const [addr, bits] = item.split("/");
    const family = net.isIP(addr);
    if (!family) throw new Error(`TRUSTED_PROXIES: "${item}" is not an address or CIDR`);
    const type = family === 4 ? "ipv4" : "ipv6";
    if (bits === undefined) list.addAddress(addr, type);
    else list.addSubnet(addr, Number(bits), type);
  }
  return {
    empty,
    check(address) {
      if (empty) return false;
      const a = normalizeAddress(address);
      const family = net.isIP(a);
      return family !== 0 && list.check(a, family === 4 ? "ipv4" : "ipv6");
    },
  };
}

/**
 * The client's address from an X-Forwarded-For chain whose last hop we already trust (the request
 * hooks leave the header only when the TCP peer is a trusted proxy, and otherwise Next.js sets it
 * to the peer itself). Read from the right, each hop appended the address it saw: proxies we
 * trust are skipped and the first other entry is the client.
 */
export function clientFromChain(forwardedFor: string | null, proxies: ProxyList): string | null {
  const chain = (forwardedFor ?? "")
    .split(",")
    .map((s) => normalizeAddress(s))
    .filter(Boolean);
  for (let i = chain.length - 1; i >= 0; i--) if (!proxies.check(chain[i])) return chain[i];
  return chain[0] ?? null;
}
