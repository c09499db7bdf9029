import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { ADMIN, registerUser, uniqueEmail } from "./helpers";

// Helpers for the creator specs: users are made through the API and signed in with NextAuth's
// own credentials callback, so each test starts on /create in a second, with its own balance.

/** Registers a user and signs the page's browser context in as them. */
export async function signUpAndIn(page: Page): Promise<{ email: string; password: string }> {
  const user = await registerUser(page.request, uniqueEmail("creator"));
  await signIn(page, user.email, user.password);
  return user;
}

export async function signIn(page: Page, email: string, password: string) {
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as {
    csrfToken: string;
  };
  const res = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, callbackUrl: "/", json: "true" },
  });
  expect(res.ok()).toBe(true);
  const session = (await (await page.request.get("/api/auth/session")).json()) as {
    user?: { email?: string };
  };
  expect(session.user?.email).toBe(email);
}

let cachedToken: string | null = null;

export async function adminToken(request: APIRequestContext): Promise<string> {
  if (cachedToken) return cachedToken;
  const res = await request.post("/api/auth/token", { data: ADMIN });
  expect(res.status()).toBe(200);
  cachedToken = ((await res.json()) as { token: string }).token;
  return cachedToken;
}

/** Moves credits through the admin grant API (negative to spend a user's balance down). */
export async function grant(request: APIRequestContext, email: string, delta: number) {
  const token = await adminToken(request);
  const res = await request.post("/api/credits/grant", {
    data: { email, delta, reason: "e2e" },
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { credits: number }).credits;
}

type Tx = {
  delta: number;
  status: string;
  requestId: string | null;
  meta: Record<string, unknown>;
  modelSlug: string | null;
};

/** The ledger row of one call, as the API reports it, once it has settled. */
export async function settledTx(page: Page, requestId: string): Promise<Tx> {
  let found: Tx | undefined;
  await expect
    .poll(async () => {
      const body = (await (await page.request.get("/api/credits/balance")).json()) as {
        recent: Tx[];
      };
      found = body.recent.find((t) => t.requestId === requestId);
      return found?.status;
    })
    .toMatch(/success|failed/);
  return found!;
}

export async function apiBalance(page: Page): Promise<number> {
  return ((await (await page.request.get("/api/credits/balance")).json()) as { credits: number })
    .credits;
}

/** The number in the Topbar's BalanceBadge. */
export async function badgeCredits(page: Page): Promise<number> {
  const text = await page.getByTestId("balance-value").innerText();
  return Number(text.replace(/[^\d-]/g, ""));
}

/** Chooses a model in the visible tab's picker by its slug (each option shows it). */
export async function pickModel(page: Page, slug: string, displayName: string) {
  const panel = page.getByRole("tabpanel");
  await panel.getByRole("combobox", { name: "模型" }).click();
  await panel.getByRole("option", { name: new RegExp(`${slug}(?![-\\w])`) }).click();
  await expect(panel.getByRole("combobox", { name: "模型" })).toContainText(displayName);
}
