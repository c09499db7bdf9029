import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, type App, startApp } from "../helpers/app";
import { createModel, createProvider, grant } from "../helpers/chat";
import { createKey, listKeys } from "../helpers/keys";
import { webSession as signInWeb } from "../helpers/web-session";
import { type MockUpstream, startMockUpstream } from "../mocks/openai-server";

// Sessions and tokens that can be revoked: sign out everywhere, a password change and an admin
// disabling a user end every login token and key of that user at once. Failed sign-ins are
// throttled per account and per IP.

let app: App;
let up: MockUpstream;
let admin: string;

beforeAll(async () => {
  up = await startMockUpstream();
  app = await startApp({
    SEED_DEMO: "0",
    SIGNUP_CREDITS: "0",
    RATE_LIMIT_USER_PER_MIN: "100000",
    RATE_LIMIT_IP_PER_MIN: "100000",
    SIGNIN_FAILURES_PER_ACCOUNT: "3",
    SIGNIN_FAILURES_PER_IP: "6",
    // The test client plays a trusted reverse proxy to speak for many client addresses.
    TRUSTED_PROXIES: "loopback",
  });
  admin = await app.adminToken();
  const provider = await createProvider(app, admin, up.url);
  await createModel(app, admin, {
    slug: "flat",
    providerId: provider.id,
    pricing: { chat: { fixedCreditsPerCall: 1 } },
  });
});
afterAll(async () => {
  await app?.stop();
  await up?.stop();
});

const messages = [{ role: "user" as const, content: "hi" }];
const chat = (credential: string) =>
  api(app, credential)("/v1/chat/completions", { body: { model: "flat", messages } });
const balanceStatus = async (token: string) =>
  (await api(app, token)("/api/credits/balance")).status;

async function funded() {
  const u = await app.register();
  await grant(app, admin, u.id, 100);
  const { key } = await createKey(app, u.token);
  return { ...u, key };
}

let ipCounter = 1;
const freshIp = () => `198.51.100.${ipCounter++}`;
const signIn = (email: string, password: string, ip = freshIp()) =>
  api(app)("/api/auth/token", { body: { email, password }, headers: { "x-forwarded-for": ip } });

/** Signs in through NextAuth as the web does; returns the session cookie. */
async function webSession(email: string, password: string): Promise<string> {
  const cookie = await signInWeb(app.url, email, password, freshIp());
  expect(cookie, "signed in").toBeTruthy();
  return cookie!;
}

describe("sign out everywhere", () => {
  it("also ends web sessions (the NextAuth cookie)", async () => {
    const u = await funded();
    const cookie = await webSession(u.email, u.password);
    const withCookie = () => fetch(`${app.url}/api/credits/balance`, { headers: { cookie } });
    expect((await withCookie()).status).toBe(200);
    await api(app, u.token)("/api/account/sign-out-everywhere", { body: {} });
    expect((await withCookie()).status).toBe(401);
  });

  it("ends every login token and key of the user at once, and no one else's", async () => {
    const u = await funded();
    const second = (await signIn(u.email, u.password)).body.token as string;
    const bystander = await funded();
    for (const c of [u.token, second, u.key]) expect((await chat(c)).status).toBe(200);

    const res = await api(app, u.token)("/api/account/sign-out-everywhere", { body: {} });
    expect(res.status).toBe(200);
    expect(res.body.keysRevoked).toBe(1);

    for (const c of [u.token, second, u.key]) {
      const refused = await chat(c);
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe("unauthorized");
    }
    expect(await balanceStatus(u.token)).toBe(401);
    // Signing in again gives a token that works; the bystander never noticed.
    const fresh = (await signIn(u.email, u.password)).body.token as string;
    expect((await chat(fresh)).status).toBe(200);
    expect((await listKeys(app, fresh))[0].status).toBe("revoked");
    for (const c of [bystander.token, bystander.key]) expect((await chat(c)).status).toBe(200);
  });
});

describe("password change", () => {
  it("needs the current password, ends other tokens and keys, keeps this device signed in", async () => {
    const u = await funded();
    const other = (await signIn(u.email, u.password)).body.token as string;
    const wrong = await api(app, u.token)("/api/account/password", {
      body: { currentPassword: "not-it", newPassword: "brand-new-pass" },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.param).toBe("currentPassword");
    const short = await api(app, u.token)("/api/account/password", {
      body: { currentPassword: u.password, newPassword: "short" },
    });
    expect(short.status).toBe(400);
    expect((await chat(other)).status).toBe(200); // nothing changed yet

    const ok = await api(app, u.token)("/api/account/password", {
      body: { currentPassword: u.password, newPassword: "brand-new-pass" },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.keysRevoked).toBe(1);
    expect(JSON.stringify(ok.body)).not.toContain("brand-new-pass");
    for (const c of [u.token, other, u.key]) expect((await chat(c)).status).toBe(401);
    expect((await chat(ok.body.token)).status).toBe(200);
    expect((await signIn(u.email, u.password)).status).toBe(401);
    expect((await signIn(u.email, "brand-new-pass")).status).toBe(200);
  });
});

describe("an admin disabling a user", () => {
  it("refuses their token and keys at once, and sign-in; enabling lets them sign in again", async () => {
    const u = await funded();
    const sdk = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: u.key, maxRetries: 0 });
    await sdk.chat.completions.create({ model: "flat", messages });

    const off = await api(app, admin)(`/api/admin/users/${u.id}`, {
      method: "PATCH",
      body: { disabled: true, reason: "abuse report" },
    });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body.item.disabledAt).toBeTruthy();

    const err = await sdk.chat.completions.create({ model: "flat", messages }).catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((await chat(u.token)).status).toBe(401);
    expect(await balanceStatus(u.token)).toBe(401);
    const blocked = await signIn(u.email, u.password);
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.message).toContain("停用");

    const on = await api(app, admin)(`/api/admin/users/${u.id}`, {
      method: "PATCH",
      body: { disabled: false },
    });
    expect(on.body.item.disabledAt).toBeNull();
    // Old credentials stay dead; a new sign-in works.
    expect((await chat(u.token)).status).toBe(401);
    expect((await chat(u.key)).status).toBe(401);
    const fresh = await signIn(u.email, u.password);
    expect(fresh.status).toBe(200);
    expect((await chat(fresh.body.token)).status).toBe(200);
  });

  it("an admin cannot disable or demote themselves", async () => {
    const list = await api(app, admin)("/api/admin/users?q=admin%40test.local");
    const self = list.body.items[0];
    for (const body of [{ disabled: true }, { role: "user" }]) {
      const res = await api(app, admin)(`/api/admin/users/${self.id}`, { method: "PATCH", body });
      expect(res.status).toBe(400);
    }
  });
});

describe("failed sign-in throttling", () => {
  it("per account: after 3 failures even the right password waits; other accounts do not", async () => {
    const u = await app.register();
    const other = await app.register();
    for (let i = 0; i < 3; i++) expect((await signIn(u.email, "wrong-password")).status).toBe(401);
    const locked = await signIn(u.email, u.password);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe("rate_limited");
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(60);
    expect((await signIn(other.email, other.password)).status).toBe(200);
  });

  it("per IP: failures across accounts from one address lock that address only", async () => {
    const ip = freshIp();
    const victims = await Promise.all(Array.from({ length: 3 }, () => app.register()));
    let failures = 0;
    for (const v of victims)
      for (let i = 0; i < 2; i++) {
        expect((await signIn(v.email, "wrong-password", ip)).status).toBe(401);
        failures++;
      }
    expect(failures).toBe(6);
    const fresh = await app.register();
    expect((await signIn(fresh.email, fresh.password, ip)).status).toBe(429);
    expect((await signIn(fresh.email, fresh.password, freshIp())).status).toBe(200);
  });

  it("a success clears the account's failures", async () => {
    const u = await app.register();
    for (let i = 0; i < 2; i++) await signIn(u.email, "wrong-password");
    expect((await signIn(u.email, u.password)).status).toBe(200);
    for (let i = 0; i < 2; i++) await signIn(u.email, "wrong-password");
    expect((await signIn(u.email, u.password)).status).toBe(200);
  });

  it("the web sign-in (NextAuth) is throttled by the same counts", async () => {
    const u = await app.register();
    for (let i = 0; i < 3; i++) await signIn(u.email, "wrong-password");
    const csrf = await fetch(`${app.url}/api/auth/csrf`);
    const { csrfToken } = await csrf.json();
    const cookie = csrf.headers.get("set-cookie")?.split(";")[0] ?? "";
    const res = await fetch(`${app.url}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie,
        "x-forwarded-for": freshIp(),
      },
      body: new URLSearchParams({
        csrfToken,
        email: u.email,
        password: u.password,
        json: "true",
      }),
    });
    // With json=true NextAuth answers where it would have redirected.
    const { url } = (await res.json()) as { url: string };
    expect(url).toContain("error=TooManyAttempts");
    expect(res.headers.get("set-cookie") ?? "").not.toContain("session-token");
  });
});
