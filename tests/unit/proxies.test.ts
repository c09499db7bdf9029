import { describe, expect, it } from "vitest";
import { clientFromChain, normalizeAddress, parseProxyList } from "@/lib/net/proxies";

describe("TRUSTED_PROXIES", () => {
  it("is empty by default: nobody is trusted", () => {
    const none = parseProxyList("");
    expect(none.empty).toBe(true);
    expect(none.check("127.0.0.1")).toBe(false);
  });

  it("understands loopback, addresses, CIDRs and IPv4-mapped peers", () => {
    const list = parseProxyList("loopback, 10.1.0.0/16, 203.0.113.7, fd00::/8");
    for (const a of [
      "127.0.0.1",
      "127.9.9.9",
      "::1",
      "::ffff:127.0.0.1",
      "10.1.2.3",
      "203.0.113.7",
      "fd12::1",
    ])
      expect(list.check(a), a).toBe(true);
    for (const a of ["10.2.0.1", "203.0.113.8", "8.8.8.8", "fe80::1", "not-an-ip", ""])
      expect(list.check(a), a).toBe(false);
  });

  it("refuses an entry that is neither an address nor a CIDR", () => {
    expect(() => parseProxyList("proxy.internal")).toThrow(/TRUSTED_PROXIES/);
  });
});

describe("clientFromChain", () => {
  const proxies = parseProxyList("loopback,10.0.0.0/8");
  it.each([
    ["198.51.100.4", "198.51.100.4"],
    ["198.51.100.4, 10.0.0.2", "198.51.100.4"],
    // A client that forges the left part cannot hide behind it: the last untrusted hop wins.
    ["1.2.3.4, 198.51.100.4, 10.0.0.2, 127.0.0.1", "198.51.100.4"],
    ["10.0.0.2, 127.0.0.1", "10.0.0.2"],
    ["::ffff:198.51.100.4", "198.51.100.4"],
    ["", null],
  ])("%s → %s", (chain, client) => expect(clientFromChain(chain, proxies)).toBe(client));

  it("normalizes bracketed and mapped addresses", () => {
    expect(normalizeAddress("[::1]")).toBe("::1");
    expect(normalizeAddress(" ::ffff:10.0.0.1 ")).toBe("10.0.0.1");
  });
});
