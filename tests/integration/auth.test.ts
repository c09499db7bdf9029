import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, api, type App, startApp } from "../helpers/app";

let app: App;
beforeAll(async () => {
  app = await startApp({
    SEED_DEMO: "0",
    SIGNUP_CREDITS: "150",
    CORS_ALLOW_ORIGINS: "capacitor://localhost,https://*.example.com",
  });
});
afterAll(() => app?.stop());

describe("POST /api/auth/register", () => {
  it("creates a user without exposing the hash, with signup credits through the ledger", async () => {
    const email = `new${Date.now()}@test.local`;
    const res = await api(app)("/api/auth/register", {
      body: { email, password: "password123", name: "小明" },
    });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ email, name: "小明", role: "user", credits: 150 });
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|\$2[aby]\$/);
  });

  it.each([
    [{ email: "bad", password: "password123" }, "email"],
    [{ email: "short@test.local", password: "1234567" }, "password"],
    [{ password: "password123" }, "email"],
  ])("400 on %j", async (body, param) => {
    const res = await api(app)("/api/auth/register", { body });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "invalid_request", param });
  });

  it("409 conflict on a taken email, case-insensitively", async () => {
    const user = await app.register();
    const res = await api(app)("/api/auth/register", {
      body: { email: user.email.toUpperCase(), password: "password123" },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("conflict");
  });

  it("400 on a body that is not JSON", async () => {
    const res = await fetch(`${app.url}/api/auth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{oops",
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("invalid_request");
  });
});

describe("POST /api/auth/token and bearer auth", () => {
  it("issues a bearer token that authenticates /api requests", async () => {
    const user = await app.register();
    const res = await api(app)("/api/auth/token", {
      body: { email: user.email, password: user.password },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tokenType: "Bearer", user: { email: user.email } });
    expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.now());
    expect(res.body.user.passwordHash).toBeUndefined();
    const fav = await api(app, res.body.token)("/api/favorites/toggle", {
      body: { assetId: "missing" },
    });
    expect(fav.status).toBe(404); // authenticated: got past the 401
  });

  it("401 on wrong password, unknown user, and bad or forged tokens", async () => {
    const user = await app.register();
    expect(
      (
        await api(app)("/api/auth/token", {
          body: { email: user.email, password: "wrong-password" },
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await api(app)("/api/auth/token", {
          body: { email: "nobody@test.local", password: "password123" },
        })
      ).status,
    ).toBe(401);
    const forged = user.token.slice(0, -4) + "AAAA";
    for (const token of ["garbage", forged]) {
      const res = await api(app, token)("/api/favorites/toggle", { body: { assetId: "x" } });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("unauthorized");
    }
  });

  it("bootstraps the admin from ADMIN_EMAIL / ADMIN_PASSWORD", async () => {
    const res = await api(app)("/api/auth/token", { body: ADMIN });
    expect(res.status).toBe(200);
    expect(res.body.user.role).toBe("admin");
  });
});

describe("CORS", () => {
  it("answers preflight for allowed origins on /api and /v1", async () => {
    for (const path of ["/api/assets", "/v1/chat/completions", "/api/auth/token"]) {
      for (const origin of ["capacitor://localhost", "https://app.example.com"]) {
        const res = await fetch(app.url + path, {
          method: "OPTIONS",
          headers: {
            origin,
            "access-control-request-method": "POST",
            "access-control-request-headers": "authorization,content-type",
          },
        });
        expect(res.status).toBe(204);
        expect(res.headers.get("access-control-allow-origin")).toBe(origin);
        const allowed = res.headers.get("access-control-allow-headers") ?? "";
        for (const h of ["authorization", "content-type", "idempotency-key"])
          expect(allowed).toContain(h);
      }
    }
  });

  it("adds CORS headers to real responses for allowed origins only", async () => {
    const ok = await fetch(`${app.url}/api/health`, {
      headers: { origin: "capacitor://localhost" },
    });
    expect(ok.headers.get("access-control-allow-origin")).toBe("capacitor://localhost");
    const evil = await fetch(`${app.url}/api/health`, { headers: { origin: "https://evil.com" } });
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
    const pre = await fetch(`${app.url}/api/assets`, {
      method: "OPTIONS",
      headers: { origin: "https://evil.com", "access-control-request-method": "GET" },
    });
    expect(pre.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("chat completions (outside the proxy) carry the same CORS headers, errors included", async () => {
    for (const path of ["/v1/chat/completions", "/api/ai/chat/completions"]) {
      const send = (origin: string) =>
        fetch(app.url + path, {
          method: "POST",
          headers: { origin, "content-type": "application/json" },
          body: "{}",
        });
      const ok = await send("https://app.example.com");
      expect(ok.status).toBe(401);
      expect(ok.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
      expect(ok.headers.get("access-control-expose-headers")).toContain("x-request-id");
      const evil = await send("https://evil.com");
      expect(evil.status).toBe(401);
      expect(evil.headers.get("access-control-allow-origin")).toBeNull();
    }
  });
});

describe("health", () => {
  it("reports ok, db and version", async () => {
    const res = await api(app)("/api/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, db: "ok", version: expect.any(String) });
  });
});
