import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, type App, startApp } from "../helpers/app";

// Issue 15 item 8: X-Forwarded-For/-Host/-Proto are believed only from TRUSTED_PROXIES. Without
// it, a random X-Forwarded-For per request no longer buys a fresh per-IP bucket, and a forged
// X-Forwarded-Host cannot move our media URLs to another host; behind a trusted proxy both work.

const IP_LIMIT = 3;
let direct: App; // TRUSTED_PROXIES unset
let proxied: App; // TRUSTED_PROXIES=loopback: the test client plays the reverse proxy

const common = {
  SEED_DEMO: "0",
  SIGNUP_CREDITS: "1000",
  RATE_LIMIT_IP_PER_MIN: String(IP_LIMIT),
  RATE_LIMIT_USER_PER_MIN: "100000",
};
beforeAll(async () => {
  [direct, proxied] = await Promise.all([
    startApp(common),
    startApp({ ...common, TRUSTED_PROXIES: "loopback" }),
  ]);
});
afterAll(async () => {
  await direct?.stop();
  await proxied?.stop();
});

const generate = (app: App, token: string, headers: Record<string, string>) =>
  api(app, token)("/v1/images/generations", {
    body: { model: "mock-image", prompt: "a cat", size: "256x256" },
    headers,
  });

describe("from an untrusted peer", () => {
  it("a random X-Forwarded-For per request shares the one per-IP limit", async () => {
    const { token } = await direct.register();
    const statuses: number[] = [];
    for (let i = 0; i < IP_LIMIT + 2; i++) {
      const res = await generate(direct, token, { "x-forwarded-for": `198.51.100.${i + 1}` });
      statuses.push(res.status);
      if (res.status === 429) expect(res.body.error.message).toContain("IP");
    }
    expect(statuses).toEqual([...Array(IP_LIMIT).fill(200), 429, 429]);
  });

  it("a forged X-Forwarded-Host/-Proto does not move the media URLs", async () => {
    const fresh = await startApp({ ...common, RATE_LIMIT_IP_PER_MIN: "1000" });
    try {
      const { token } = await fresh.register();
      const res = await generate(fresh, token, {
        "x-forwarded-host": "evil.example",
        "x-forwarded-proto": "https",
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.data[0].url.startsWith(`${fresh.url}/api/media/`)).toBe(true);
    } finally {
      await fresh.stop();
    }
  });
});

describe("behind a trusted proxy", () => {
  it("each client address has its own limit; the client is the last untrusted hop", async () => {
    const { token } = await proxied.register();
    for (let i = 0; i < IP_LIMIT + 2; i++) {
      const res = await generate(proxied, token, { "x-forwarded-for": `192.0.2.${i + 1}` });
      expect(res.status).toBe(200);
    }
    // The same client through two of our proxies: one bucket.
    const statuses: number[] = [];
    for (let i = 0; i < IP_LIMIT + 1; i++) {
      const res = await generate(proxied, token, {
        "x-forwarded-for": "203.0.113.9, 127.0.0.1",
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([...Array(IP_LIMIT).fill(200), 429]);
  });

  it("media URLs follow the proxy's X-Forwarded-Host/-Proto", async () => {
    const { token } = await proxied.register();
    const res = await generate(proxied, token, {
      "x-forwarded-for": "192.0.2.200",
      "x-forwarded-host": "studio.example.test",
      "x-forwarded-proto": "https",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data[0].url.startsWith("https://studio.example.test/api/media/")).toBe(true);
  });
});
