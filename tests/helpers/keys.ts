import { expect } from "vitest";
import { api, type App } from "./app";
import { periodAt } from "@/lib/time/periods";

// Personal keys, the test clock and limit windows, as a user or a test would reach them.

export type KeyView = {
  id: string;
  name: string;
  display: string;
  allowedModels: string[];
  creditLimit: number | null;
  limitReset: string;
  spent: number;
  resetsAt: string | null;
  rpm: number | null;
  expiresAt: string | null;
  enabled: boolean;
  status: string;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
};

export async function createKey(
  app: App,
  token: string,
  body: Record<string, unknown> = {},
): Promise<{ item: KeyView; key: string }> {
  const res = await api(app, token)("/api/keys", { body: { name: "测试密钥", ...body } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

export async function listKeys(app: App, token: string): Promise<KeyView[]> {
  const res = await api(app, token)("/api/keys");
  expect(res.status).toBe(200);
  return res.body.items;
}

/** Moves the test server's clock (APP_ENV=test + TEST_CLOCK=1 only); null = the real time. */
export async function setClock(app: App, at: string | null): Promise<void> {
  const res = await api(app)("/api/test/clock", { body: { now: at } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

export const TZ = "Asia/Shanghai";

/** The next 00:00 in Asia/Shanghai after `iso`. */
export const nextMidnight = (iso: string) =>
  new Date(periodAt("daily", Date.parse(iso), TZ).next!).toISOString();
