import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, type App, startApp } from "../helpers/app";
import { allTransactions, balance } from "../helpers/chat";
import { sqlQuery } from "../helpers/db";
import { startSmtpServer } from "../mocks/smtp-server";

// Issue 15 items 9, 13 (email length) and 14 (NextAuth's origin). With SMTP configured, the
// sign-up bonus waits for a verified address (a real SMTP server receives the mail); without it,
// the link goes to the log and the bonus comes at once. Sign-ups are throttled per client IP, and
// a forged X-Forwarded-For does not reset the count.

const PUBLIC_URL = "https://studio.example.test";
const SIGNUP_LIMIT = 4;

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let mail: App; // SMTP configured, PUBLIC_URL set, sign-ups throttled
let dev: App; // no SMTP, no PUBLIC_URL

beforeAll(async () => {
  smtp = await startSmtpServer({ user: "mailer", pass: "mail-pass-7781" });
  [mail, dev] = await Promise.all([
    startApp({
      SEED_DEMO: "0",
      SIGNUP_CREDITS: "100",
      SMTP_URL: smtp.url,
      MAIL_FROM: "AIGC Studio <no-reply@studio.example.test>",
      PUBLIC_URL,
      RATE_LIMIT_SIGNUP_PER_HOUR: String(SIGNUP_LIMIT),
    }),
    startApp({ SEED_DEMO: "0", SIGNUP_CREDITS: "100" }),
  ]);
});
afterAll(async () => {
  await mail?.stop();
  await dev?.stop();
  await smtp?.stop();
});

const register = (app: App, email: string, headers: Record<string, string> = {}) =>
  api(app)("/api/auth/register", { body: { email, password: "password123" }, headers });

/** Follows a verification link against `app` (links carry PUBLIC_URL when it is set). */
async function follow(app: App, link: string) {
  const u = new URL(link);
  const res = await fetch(`${app.url}${u.pathname}${u.search}`, { redirect: "manual" });
  return { status: res.status, location: res.headers.get("location") ?? "" };
}

/** Where NextAuth will send the browser back after sign-in, for a relative callbackUrl. */
async function nextAuthCallback(app: App): Promise<string | null> {
  const res = await fetch(`${app.url}/api/auth/signin?callbackUrl=%2Fcreate`, {
    redirect: "manual",
  });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get("location")!, app.url);
  expect(location.pathname).toBe("/auth/signin");
  return location.searchParams.get("callbackUrl");
}

const linkIn = (text: string) =>
  /https?:\/\/[^\s"]+\/api\/auth\/verify-email\?token=[\w.%-]+/.exec(text)?.[0] ?? null;

describe("with SMTP configured (item 9)", () => {
  it("the bonus is granted once, when the mailed link is followed", async () => {
    const email = `verify-${Date.now()}@test.local`;
    const res = await register(mail, email);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ verificationRequired: true, user: { credits: 0 } });
    const token = await mail.token(email, "password123");
    expect(await balance(mail, token)).toBe(0);

    const message = smtp.messages.find((m) => m.to.includes(email))!;
    expect(message).toBeTruthy();
    expect(message.from).toBe("no-reply@studio.example.test");
    expect(message.subject).toContain("验证");
    const link = linkIn(message.text)!;
    expect(link.startsWith(`${PUBLIC_URL}/api/auth/verify-email?token=`)).toBe(true);

    const first = await follow(mail, link);
    expect(first.status).toBe(303);
    expect(first.location).toBe(`${PUBLIC_URL}/auth/verify?status=verified`);
    expect(await balance(mail, token)).toBe(100);

    const again = await follow(mail, link);
    expect(again.location).toBe(`${PUBLIC_URL}/auth/verify?status=already`);
    expect(await balance(mail, token)).toBe(100);
    const bonuses = (await allTransactions(mail, token)).filter((t) => t.reason === "signup_bonus");
    expect(bonuses).toHaveLength(1);
  });

  it("a tampered or foreign token verifies nothing", async () => {
    const bad = await follow(mail, `${PUBLIC_URL}/api/auth/verify-email?token=not.a.token`);
    expect(bad.location).toBe(`${PUBLIC_URL}/auth/verify?status=invalid`);
    const bearer = await mail.adminToken(); // a real token of ours, for another purpose
    const foreign = await follow(mail, `${PUBLIC_URL}/api/auth/verify-email?token=${bearer}`);
    expect(foreign.location).toBe(`${PUBLIC_URL}/auth/verify?status=invalid`);
  });

  it("sign-ups are throttled per IP, and a forged X-Forwarded-For does not help", async () => {
    const results: number[] = [];
    for (let i = 0; i < SIGNUP_LIMIT + 2; i++) {
      const res = await register(mail, `burst-${Date.now()}-${i}@test.local`, {
        "x-forwarded-for": `203.0.113.${i + 1}`,
      });
      results.push(res.status);
      if (res.status === 429) {
        expect(res.body.error.code).toBe("rate_limited");
        expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      }
    }
    // One sign-up happened in the first test: SIGNUP_LIMIT - 1 more fit, then every one is refused.
    expect(results).toEqual([
      ...Array(SIGNUP_LIMIT - 1).fill(201),
      ...Array(results.length - SIGNUP_LIMIT + 1).fill(429),
    ]);
  });

  it("NextAuth's redirects are on PUBLIC_URL, not localhost:3000 (item 14)", async () => {
    expect(await nextAuthCallback(mail)).toBe(`${PUBLIC_URL}/create`);
  });
});

describe("without SMTP (development)", () => {
  it("the bonus comes at once and the verification link is written to the log", async () => {
    const email = `dev-${Date.now()}@test.local`;
    const res = await register(dev, email);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ verificationRequired: false, user: { credits: 100 } });
    const line = dev
      .logs()
      .split("\n")
      .find((l) => l.includes("email verification link") && l.includes(email))!;
    expect(line).toBeTruthy();
    const link = linkIn(line)!;
    expect(link.startsWith(`${dev.url}/api/auth/verify-email?token=`)).toBe(true);
    expect((await follow(dev, link)).location).toBe(`${dev.url}/auth/verify?status=verified`);
    const [row] = await sqlQuery<{ emailVerifiedAt: string | null }>(
      dev.databaseUrl,
      'select "emailVerifiedAt" from users where email = ?',
      [email],
    );
    expect(row.emailVerifiedAt).toBeTruthy();
    const token = await dev.token(email, "password123");
    expect(await balance(dev, token)).toBe(100);
  });

  it("NextAuth's redirects are on the request's own origin (item 14)", async () => {
    expect(await nextAuthCallback(dev)).toBe(`${dev.url}/create`);
  });
});

describe("email length (item 13)", () => {
  const at = "@t.co";
  it("254 characters register; 255 and 100,000 are a 400 on email", async () => {
    const ok = await register(dev, `${"a".repeat(254 - at.length)}${at}`);
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    for (const n of [255, 100_000]) {
      const res = await register(dev, `${"b".repeat(n - at.length)}${at}`);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: "invalid_request", param: "email" });
    }
    const signIn = await api(dev)("/api/auth/token", {
      body: { email: `${"c".repeat(100_000)}${at}`, password: "x" },
    });
    expect(signIn.status).toBe(400);
  });
});
