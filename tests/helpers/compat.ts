import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { type MockUpstream, startMockUpstream } from "../mocks/openai-server";
import { api, type App, startApp } from "./app";
import { createModel, createProvider, grant, PROVIDER_KEY } from "./chat";

// The model set the client-library suites use: one provider on the mock upstream and a model per
// operation, priced so every charge is a visible, exact number.

export const COMPAT_PRICING = {
  chat: { fixedCreditsPerCall: 1, perKTokens: { input: 100, output: 200 } },
  "image.generate": { perImage: 5 },
  "image.edit": { perImage: 7 },
  embedding: { perKTokens: { input: 100 }, minCredits: 1 },
  "audio.speech": { perKChars: 100, fixedCreditsPerCall: 1 },
  rounding: "ceil" as const,
};

export const MODELS = {
  chat: "c-chat",
  image: "c-image",
  embedding: "c-embed",
  speech: "c-tts",
  /** A slug with a slash, as imports name models ({provider}/{id}). */
  slashed: "up/c-chat-2",
};

export async function setupCompatModels(app: App, admin: string, upstreamUrl: string) {
  const provider = await createProvider(app, admin, upstreamUrl, "compat-up");
  const base = { providerId: provider.id, pricing: COMPAT_PRICING };
  await createModel(app, admin, { ...base, slug: MODELS.chat, upstreamModel: "gpt-4o-mini" });
  await createModel(app, admin, { ...base, slug: MODELS.slashed, upstreamModel: "gpt-4o" });
  await createModel(app, admin, {
    ...base,
    slug: MODELS.image,
    upstreamModel: "gpt-image-1",
    capabilities: ["image.generate", "image.edit"],
  });
  await createModel(app, admin, {
    ...base,
    slug: MODELS.embedding,
    upstreamModel: "text-embedding-3-small",
    capabilities: ["embedding"],
  });
  await createModel(app, admin, {
    ...base,
    slug: MODELS.speech,
    upstreamModel: "gpt-4o-mini-tts",
    capabilities: ["audio.speech"],
  });
  return provider;
}

/** A new user with `credits`, and their bearer token. */
export async function fundedUser(app: App, admin: string, credits: number) {
  const u = await app.register();
  if (credits) await grant(app, admin, u.id, credits);
  return u;
}

/** The user's ledger rows for AI calls (not grants), newest first. */
export async function aiCharges(app: App, token: string) {
  const res = await api(app, token)("/api/credits/transactions?limit=100");
  expect(res.status).toBe(200);
  return (
    res.body.items as {
      reason: string;
      delta: number;
      status: string;
      requestId: string | null;
      meta: Record<string, unknown>;
    }[]
  ).filter((t) => t.reason !== "admin_grant" && t.reason !== "signup_bonus");
}

export type CompatSuite = { app: App; up: MockUpstream; admin: string };

/**
 * One app and one mock upstream for a client-library suite: started before its tests with the
 * compat models set up, the upstream's request log cleared before each test, both stopped after.
 * The returned object is filled in by the time the tests run.
 */
export function compatSuite(extraEnv: Record<string, string> = {}): CompatSuite {
  const suite = {} as CompatSuite;
  beforeAll(async () => {
    suite.up = await startMockUpstream({ apiKey: PROVIDER_KEY });
    suite.app = await startApp({
      SEED_DEMO: "0",
      SIGNUP_CREDITS: "0",
      RATE_LIMIT_USER_PER_MIN: "100000",
      RATE_LIMIT_IP_PER_MIN: "100000",
      ...extraEnv,
    });
    suite.admin = await suite.app.adminToken();
    await setupCompatModels(suite.app, suite.admin, suite.up.url);
  });
  beforeEach(() => suite.up.reset());
  afterAll(async () => {
    await suite.app?.stop();
    await suite.up?.stop();
  });
  return suite;
}
