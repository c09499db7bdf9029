import fs from "node:fs";
import path from "node:path";
import OpenAI from "openai";
import { expect } from "vitest";
import { api, type App } from "./app";

// Image suites: an image model on the mock upstream (created through the admin API, as an admin
// would), the official SDK pointed at /v1, and the ledger as a user sees it.

export const IMAGE_PRICING = {
  "image.generate": {
    perImage: 3,
    fixedCreditsPerCall: 1,
    sizeFactors: { "1024x1024": 1, "1792x1024": 2 },
    qualityFactors: { standard: 1, hd: 1.5 },
  },
  "image.edit": { perImage: 4, fixedCreditsPerCall: 2, sizeFactors: { "512x512": 0.5 } },
  rounding: "ceil",
} as const;

export async function createImageModel(app: App, upstreamUrl: string, slug = "img-test") {
  const admin = await app.adminToken();
  const call = api(app, admin);
  const provider = await call("/api/admin/ai/providers", {
    body: {
      slug: `${slug}-up`,
      name: "Image upstream",
      baseURL: upstreamUrl,
      apiKey: "sk-upstream-test-key",
    },
  });
  expect(provider.status, JSON.stringify(provider.body)).toBe(201);
  const model = await call("/api/admin/ai/models", {
    body: {
      slug,
      displayName: "Test Image 1",
      providerId: provider.body.item.id,
      upstreamModel: "dall-e-3",
      capabilities: ["image.generate", "image.edit"],
      modalities: ["image"],
      pricing: IMAGE_PRICING,
    },
  });
  expect(model.status, JSON.stringify(model.body)).toBe(201);
  return { slug, providerSlug: provider.body.item.slug as string };
}

export async function grantCredits(app: App, userId: string, delta: number): Promise<number> {
  const res = await api(app, await app.adminToken())("/api/credits/grant", {
    body: { userId, delta, reason: "test" },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.credits;
}

export async function balanceOf(app: App, token: string): Promise<number> {
  const res = await api(app, token)("/api/credits/balance");
  expect(res.status).toBe(200);
  return res.body.credits;
}

export async function pendingHolds(app: App, token: string): Promise<number> {
  const res = await api(app, token)("/api/credits/transactions?limit=100");
  expect(res.status).toBe(200);
  return (res.body.items as { status: string }[]).filter((t) => t.status === "pending").length;
}

export const sdk = (app: App, token: string) =>
  new OpenAI({ baseURL: `${app.url}/v1`, apiKey: token, maxRetries: 0 });

/** Everything under DATA_DIR/tmp (upload temp dirs must never outlive their request). */
export function tempEntries(app: App): string[] {
  const dir = path.join(app.dataDir, "tmp");
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}
