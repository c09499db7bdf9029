import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, type App, startApp } from "../helpers/app";
import { createModel, createProvider, grant } from "../helpers/chat";
import { createKey } from "../helpers/keys";
import { type MockUpstream, startMockUpstream } from "../mocks/openai-server";

// The operator console's API: find a user, see what they used, top them up or cut them off;
// usage by day, model and provider with CSV; every write audited; admins only.

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
  });
  admin = await app.adminToken();
  const provider = await createProvider(app, admin, up.url, "console-up");
  for (const [slug, fixed] of [
    ["cheap", 1],
    ["pricey", 7],
  ] as const)
    await createModel(app, admin, {
      slug,
      providerId: provider.id,
      pricing: { chat: { fixedCreditsPerCall: fixed } },
    });
});
afterAll(async () => {
  await app?.stop();
  await up?.stop();
});

const messages = [{ role: "user", content: "hi" }];
const chat = (token: string, model: string) =>
  api(app, token)("/v1/chat/completions", { body: { model, messages } });
const adminApi = (path: string, init?: Parameters<ReturnType<typeof api>>[1]) =>
  api(app, admin)(path, init);

type AuditRow = { action: string; targetId: string; diff: Record<string, unknown> };
async function auditActions(): Promise<AuditRow[]> {
  return (await adminApi("/api/admin/audit?limit=100")).body.items;
}

describe("access", () => {
  it("every console route is admin only", async () => {
    const u = await app.register();
    for (const path of [
      "/api/admin/users",
      `/api/admin/users/${u.id}`,
      `/api/admin/users/${u.id}/transactions`,
      `/api/admin/users/${u.id}/usage`,
      "/api/admin/usage",
      "/api/admin/usage/export",
      "/api/admin/settings",
    ]) {
      expect((await api(app, u.token)(path)).status, path).toBe(403);
      expect((await api(app)(path)).status, path).toBe(401);
    }
    const patch = await api(app, u.token)(`/api/admin/users/${u.id}`, {
      method: "PATCH",
      body: { role: "admin" },
    });
    expect(patch.status).toBe(403);
  });
});

describe("users", () => {
  it("finds people by email or name fragment, pages with a cursor", async () => {
    const tag = `find${Date.now()}`;
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await app.register(`${tag}-${i}@test.local`));
    const first = await adminApi(`/api/admin/users?q=${tag.toUpperCase()}&limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.items.map((u: { email: string }) => u.email)).toEqual([
      `${tag}-2@test.local`,
      `${tag}-1@test.local`,
    ]);
    const second = await adminApi(
      `/api/admin/users?q=${tag}&limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items.map((u: { email: string }) => u.email)).toEqual([
      `${tag}-0@test.local`,
    ]);
    expect(second.body.nextCursor).toBeNull();
    // "_" and "%" are literal characters, not wildcards.
    expect((await adminApi(`/api/admin/users?q=${tag}_`)).body.items).toEqual([]);
    expect((await adminApi(`/api/admin/users?q=${tag}%25`)).body.items).toEqual([]);
    const underscored = await app.register(`${tag}_x@test.local`);
    const found = await adminApi(`/api/admin/users?q=${tag}_`);
    expect(found.body.items.map((u: { id: string }) => u.id)).toEqual([underscored.id]);
    expect((await adminApi(`/api/admin/users?q=${made[0].id}`)).body.items).toHaveLength(1);
    expect(JSON.stringify(first.body)).not.toMatch(/passwordHash|\$2[aby]\$/);
  });

  it("shows one user's balance, keys, quotas, ledger and usage", async () => {
    const u = await app.register();
    await grant(app, admin, u.id, 100);
    const { key } = await createKey(app, u.token, { name: "脚本" });
    expect((await chat(key, "pricey")).status).toBe(200);
    expect((await chat(u.token, "cheap")).status).toBe(200);

    const detail = await adminApi(`/api/admin/users/${u.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.item).toMatchObject({
      email: u.email,
      credits: 92,
      role: "user",
      plan: "default",
      disabledAt: null,
      usage30d: { calls: 2, errors: 0, credits: 8 },
      plans: ["default"],
    });
    expect(detail.body.item.keys).toHaveLength(1);
    expect(detail.body.item.keys[0]).toMatchObject({ name: "脚本", spent: 7 });
    expect(JSON.stringify(detail.body)).not.toContain(key.slice(7, -4));
    expect(detail.body.item.quotas.items.map((q: { operation: string }) => q.operation)).toContain(
      "chat",
    );

    const ledger = await adminApi(`/api/admin/users/${u.id}/transactions?limit=10`);
    expect(ledger.body.items.map((t: { delta: number }) => t.delta)).toEqual([-1, -7, 100]);
    const usage = await adminApi(`/api/admin/users/${u.id}/usage?limit=1`);
    expect(usage.body.items).toHaveLength(1);
    expect(usage.body.items[0]).toMatchObject({ modelSlug: "cheap", keyName: null });
    const older = await adminApi(`/api/admin/users/${u.id}/usage?cursor=${usage.body.nextCursor}`);
    expect(older.body.items[0]).toMatchObject({ modelSlug: "pricey", keyName: "脚本" });
    expect((await adminApi("/api/admin/users/u_missing")).status).toBe(404);
  });

  it("grants and deducts with a reason, both audited and in the user's ledger", async () => {
    const u = await app.register();
    const give = await adminApi("/api/credits/grant", {
      body: { userId: u.id, delta: 50, reason: "活动奖励" },
    });
    expect(give.body.credits).toBe(50);
    const take = await adminApi("/api/credits/grant", {
      body: { userId: u.id, delta: -20, reason: "误发回收" },
    });
    expect(take.body.credits).toBe(30);
    const tooMuch = await adminApi("/api/credits/grant", {
      body: { userId: u.id, delta: -31, reason: "x" },
    });
    expect(tooMuch.status).toBe(402);
    const ledger = await api(app, u.token)("/api/credits/transactions");
    expect(ledger.body.items.map((t: { meta: { note: string } }) => t.meta.note)).toEqual([
      "误发回收",
      "活动奖励",
    ]);
    const audit = (await auditActions()).filter(
      (a) => a.action === "credits.grant" && a.targetId === u.id,
    );
    expect(audit.map((a) => a.diff.reason)).toEqual(["误发回收", "活动奖励"]);
  });

  it("role and plan changes apply at once and are audited with the reason", async () => {
    const u = await app.register();
    expect((await api(app, u.token)("/api/admin/users")).status).toBe(403);
    const up1 = await adminApi(`/api/admin/users/${u.id}`, {
      method: "PATCH",
      body: { role: "admin", reason: "新运营" },
    });
    expect(up1.body.item.role).toBe("admin");
    expect((await api(app, u.token)("/api/admin/users")).status).toBe(200);
    await adminApi(`/api/admin/users/${u.id}`, { method: "PATCH", body: { role: "user" } });
    expect((await api(app, u.token)("/api/admin/users")).status).toBe(403);
    const entries = (await auditActions()).filter((a) => a.targetId === u.id);
    expect(entries[1]).toMatchObject({
      action: "user.update",
      diff: { before: { role: "user" }, after: { role: "admin" }, reason: "新运营" },
    });
    for (const body of [{}, { role: "root" }, { disabled: "yes" }, { secret: 1 }]) {
      const res = await adminApi(`/api/admin/users/${u.id}`, { method: "PATCH", body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
  });

  it("disabling is audited with the keys it revoked", async () => {
    const u = await app.register();
    await createKey(app, u.token);
    await adminApi(`/api/admin/users/${u.id}`, { method: "PATCH", body: { disabled: true } });
    const entry = (await auditActions()).find((a) => a.targetId === u.id)!;
    expect(entry).toMatchObject({ action: "user.disable", diff: { keysRevoked: 1 } });
    expect((await adminApi(`/api/admin/users/${u.id}`)).body.item.keys[0].status).toBe("revoked");
  });
});

describe("usage", () => {
  it("reports calls, errors, credits and latency by day, model and provider, and top users", async () => {
    const heavy = await app.register();
    const light = await app.register();
    await grant(app, admin, heavy.id, 1000);
    await grant(app, admin, light.id, 1000);
    for (let i = 0; i < 3; i++) expect((await chat(heavy.token, "pricey")).status).toBe(200);
    expect((await chat(light.token, "cheap")).status).toBe(200);
    for (let i = 0; i < 3; i++) up.enqueue({ status: 500, body: { error: { message: "x" } } });
    expect((await chat(light.token, "cheap")).status).toBe(502);

    const res = await adminApi("/api/admin/usage?days=7");
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r.byDay).toHaveLength(7);
    expect(r.timezone).toBe("Asia/Shanghai");
    const today = r.byDay.at(-1);
    expect(today.calls).toBe(r.totals.calls);
    expect(today.calls).toBeGreaterThanOrEqual(5);
    expect(r.byDay.slice(0, -1).every((d: { calls: number }) => d.calls === 0)).toBe(true);
    const pricey = r.byModel.find((m: { model: string }) => m.model === "pricey");
    expect(pricey.credits).toBeGreaterThanOrEqual(21);
    const cheap = r.byModel.find((m: { model: string }) => m.model === "cheap");
    expect(cheap.errors).toBeGreaterThanOrEqual(1);
    expect(cheap.avgLatencyMs).toBeGreaterThanOrEqual(0);
    expect(r.byProvider.map((p: { provider: string }) => p.provider)).toEqual(["console-up"]);
    expect(r.topUsers[0]).toMatchObject({ userId: heavy.id, email: heavy.email, credits: 21 });
    expect(r.totals.credits).toBe(
      r.byModel.reduce((s: number, m: { credits: number }) => s + m.credits, 0),
    );

    const csv = await fetch(`${app.url}/api/admin/usage/export?days=7`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.headers.get("content-disposition")).toContain("usage-7d.csv");
    const lines = (await csv.text())
      .replace(/^\ufeff/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe(
      "date,model,provider,calls,errors,credits,avg_latency_ms,tokens_in,tokens_out",
    );
    const priceyLine = lines.find((l) => l.includes(",pricey,"))!.split(",");
    expect(priceyLine[0]).toBe(today.day);
    expect(Number(priceyLine[5])).toBe(pricey.credits);

    for (const q of ["days=0", "days=400", "days=x"])
      expect((await adminApi(`/api/admin/usage?${q}`)).status).toBe(400);
  });
});
