import { expect } from "vitest";
import { api, type App } from "./app";

// Admin and ledger helpers for the chat suites: providers and models through the admin API,
// balances through the credits API, exactly as a user or an admin would.

export const PROVIDER_KEY = "sk-mock-provider-secret-4242424242";

export async function createProvider(app: App, admin: string, baseURL: string, slug = "mockup") {
  const res = await api(app, admin)("/api/admin/ai/providers", {
    body: { slug, name: `Mock ${slug}`, baseURL, apiKey: PROVIDER_KEY },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.item as { id: string; slug: string };
}

export async function createModel(app: App, admin: string, body: Record<string, unknown>) {
  const res = await api(app, admin)("/api/admin/ai/models", {
    body: { capabilities: ["chat"], ...body },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.item as { id: string; slug: string };
}

export async function grant(app: App, admin: string, userId: string, delta: number) {
  const res = await api(app, admin)("/api/credits/grant", {
    body: { userId, delta, reason: "test" },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.credits as number;
}

export async function balance(app: App, token: string): Promise<number> {
  const res = await api(app, token)("/api/credits/balance");
  expect(res.status).toBe(200);
  return res.body.credits;
}

export type Tx = {
  id: string;
  delta: number;
  status: string;
  reason: string;
  requestId: string | null;
  meta: Record<string, unknown>;
};

export async function allTransactions(app: App, token: string): Promise<Tx[]> {
  const out: Tx[] = [];
  let cursor: string | null = null;
  do {
    const res = await api(
      app,
      token,
    )(`/api/credits/transactions?limit=100${cursor ? `&cursor=${cursor}` : ""}`);
    expect(res.status).toBe(200);
    out.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return out;
}

/** The ledger invariant: balance = Σ delta over pending and successful rows. */
export async function expectLedgerMatches(app: App, token: string) {
  const txs = await allTransactions(app, token);
  const sum = txs.filter((t) => t.status !== "failed").reduce((s, t) => s + t.delta, 0);
  expect(await balance(app, token)).toBe(sum);
  return txs;
}

/** Waits until no transaction of the user is pending (a stream settles after its last byte). */
export async function settled(app: App, token: string, timeoutMs = 8000): Promise<Tx[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const txs = await allTransactions(app, token);
    if (!txs.some((t) => t.status === "pending")) return txs;
    if (Date.now() > deadline) throw new Error("a hold is still pending");
    await new Promise((r) => setTimeout(r, 50));
  }
}
