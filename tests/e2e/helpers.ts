import { expect, type APIRequestContext, type Page } from "@playwright/test";

export const ADMIN = {
  email: process.env.E2E_ADMIN_EMAIL ?? "admin@test.local",
  password: process.env.E2E_ADMIN_PASSWORD ?? "admin-test-password",
};

let counter = 0;
export function uniqueEmail(prefix = "e2e"): string {
  return `${prefix}-${Date.now().toString(36)}-${counter++}@test.local`;
}

// How many cards / and /explore render on the server, and how many each later page adds.
export {
  FEED_PAGE_SIZE as PAGE,
  FIRST_RENDER_SIZE as FIRST,
} from "../../src/lib/gallery/feed-params";

/** Only the buttons load pages: a test decides when a page arrives (no infinite scroll). */
export const noInfiniteScroll = (page: Page) =>
  page.addInitScript(() => {
    window.IntersectionObserver = class {
      observe() {}
      unobserve() {}
      disconnect() {}
      takeRecords() {
        return [];
      }
    } as unknown as typeof IntersectionObserver;
  });

/** Gallery cards on the page, in order. */
export const cards = (page: Page) => page.locator("article[data-asset-id]");

export async function cardIds(page: Page): Promise<string[]> {
  return cards(page).evaluateAll((els) => els.map((el) => el.getAttribute("data-asset-id") ?? ""));
}

/** Registers through the API (fast path for tests that are not about sign-up). */
export async function registerUser(
  request: APIRequestContext,
  email = uniqueEmail(),
  password = "password123",
) {
  const res = await request.post("/api/auth/register", {
    data: { email, password, name: "测试用户" },
  });
  expect(res.status()).toBe(201);
  return { email, password };
}

/** A new account (through the API), signed in through the sign-in form. */
export async function signInNewUser(page: Page) {
  const user = await registerUser(page.request);
  await page.goto("/auth/signin");
  await submitSignIn(page, user.email, user.password);
  return user;
}

/** Fills and submits the sign-in form on the current page (which must be /auth/signin). */
export async function submitSignIn(page: Page, email: string, password: string) {
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
}

/** The ids of one API page, to compare what the page shows with what the API serves. */
export async function apiIds(request: APIRequestContext, query: string): Promise<string[]> {
  const res = await request.get(`/api/assets?${query}`);
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { items: { id: string }[] }).items.map((i) => i.id);
}
