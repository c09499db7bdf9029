import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pricingSchema } from "@/lib/pricing/schema";
import { MOCK_MODELS } from "@/lib/providers/mock/catalog";
import { planChain, quoteStep } from "@/lib/workflows/chain";
import { PRESET_WORKFLOWS } from "@/lib/workflows/presets";
import { workflowCreateSchema } from "@/lib/workflows/schema";
import { api, type App, startApp } from "../helpers/app";
import { sqlQuery } from "../helpers/db";
import { grantCredits, tempEntries } from "../helpers/images";
import { expectLedgerConsistent, waitTask } from "../helpers/tasks";
import {
  balance,
  expectUserLedger,
  fetchPicture,
  imagePart,
  photo,
  postMultipart,
  storedInputs,
  taskCount,
} from "../helpers/tools";

// Workflows on the built-in mock: a run is one parent task with a child task per step, each
// step holding its own price; steps run in order, each on the previous step's output. A step
// that fails ends the run: the steps before it stay charged (their output is kept), the steps
// after it are refunded. The ledger matches the balance throughout. (Stopping a run mid-step is
// in tools-providers.test.ts, where a step can be held on a provider for as long as needed.)

const PRICING = pricingSchema.parse(
  MOCK_MODELS.find((m) => m.slug === "mock-image-tools")!.pricing,
);
const preset = (slug: string) =>
  workflowCreateSchema.parse(PRESET_WORKFLOWS.find((w) => w.slug === slug)!);
/** What the page and the server both compute for a run on a picture of `size`. */
const priceOf = (slug: string, size: { width: number; height: number }) => {
  const chain = planChain(preset(slug).steps, size, Infinity);
  if ("error" in chain) throw new Error(chain.error.message);
  return chain.steps.map((s) => quoteStep(s, PRICING).credits);
};

let app: App;
let user: Awaited<ReturnType<App["register"]>>;
let admin: string;
let png: Buffer;

beforeAll(async () => {
  app = await startApp();
  admin = await app.adminToken();
  user = await app.register();
  await grantCredits(app, user.id, 500);
  png = await photo();
});
afterAll(async () => app?.stop());

type Step = {
  index: number;
  label: string;
  status: string;
  credits: { held: number; charged: number };
  outputs: { url: string; width: number; height: number }[];
  error: { code: string; message: string } | null;
};

async function run(
  slug: string,
  token = user.token,
  extra: { name: string; value: string }[] = [],
) {
  return postMultipart(app, token, `/api/workflows/${slug}/run`, [imagePart(png), ...extra]);
}

describe("presets", () => {
  it("GET /api/workflows lists the three presets with the model and price each step runs on", async () => {
    const res = await api(app)("/api/workflows");
    expect(res.status).toBe(200);
    expect(res.body.items.map((w: { slug: string; name: string }) => [w.slug, w.name])).toEqual([
      ["ecommerce-main", "电商主图"],
      ["poster-outpaint", "扩图海报"],
      ["avatar-hd", "头像高清"],
    ]);
    const steps = res.body.items[0].steps;
    expect(steps.map((s: { tool: string }) => s.tool)).toEqual([
      "image.background",
      "image.background",
      "image.upscale",
    ]);
    expect(steps[2].resolvedModel).toMatchObject({ slug: "mock-image-tools", pricing: PRICING });
    expect(res.body.limits.maxOutputPixels).toBe(16 * 4096 * 4096);
  });

  it("电商主图: background out, studio backdrop in, 2× — each step charged its own price", async () => {
    const start = await balance(app, user.token);
    const res = await run("ecommerce-main");
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toMatchObject({ kind: "workflow", model: "ecommerce-main", status: "queued" });
    expect(res.body.steps.map((s: Step) => s.label)).toEqual([
      "移除背景",
      "换成棚拍底色",
      "放大 2×",
    ]);
    const prices = priceOf("ecommerce-main", { width: 640, height: 480 });
    expect(res.body.steps.map((s: Step) => s.credits.held)).toEqual(prices);
    // Every step's price is held at the start.
    expect(await balance(app, user.token)).toBe(start - prices.reduce((a, b) => a + b));

    const done = await waitTask(app, user.token, res.body.id);
    expect(done.status, JSON.stringify(done)).toBe("completed");
    const detail = (await api(app, user.token)(`/api/tasks/${res.body.id}`)).body;
    expect(detail.steps.map((s: Step) => s.status)).toEqual([
      "completed",
      "completed",
      "completed",
    ]);
    expect(detail.steps.map((s: Step) => s.credits.charged)).toEqual(prices);
    // Each step's output fed the next: the cut-out (640×480) → on the backdrop → 1280×960.
    expect(detail.steps.map((s: Step) => `${s.outputs[0].width}x${s.outputs[0].height}`)).toEqual([
      "640x480",
      "640x480",
      "1280x960",
    ]);
    const cut = await fetchPicture(detail.steps[0].outputs[0].url);
    expect(cut.at(4, 4)[3]).toBe(0);
    const final = await fetchPicture(detail.outputs[0].url);
    expect([final.width, final.height]).toEqual([1280, 960]);
    expect(final.at(8, 8)).toEqual([242, 242, 242, 255]);
    expect(final.at(640, 480).slice(0, 3)).toEqual([192, 48, 48]);
    expect(detail.credits).toEqual({
      held: prices.reduce((a, b) => a + b),
      charged: prices.reduce((a, b) => a + b),
    });
    expect(await balance(app, user.token)).toBe(start - prices.reduce((a, b) => a + b));
    await expectUserLedger(app, user.id);
    await expectLedgerConsistent(app.databaseUrl);
  });

  it("扩图海报 extends to 3:4 then doubles; 头像高清 is 4×", async () => {
    const poster = await run("poster-outpaint");
    const done = await waitTask(app, user.token, poster.body.id);
    expect(done.status).toBe("completed");
    // 640×480 → 3:4 keeps the width: 640×853, then 2× = 1280×1706.
    expect((done.outputs as { width: number; height: number }[])[0]).toMatchObject({
      width: 1280,
      height: 1706,
    });
    const avatar = await run("avatar-hd");
    const hd = await waitTask(app, user.token, avatar.body.id);
    expect((hd.outputs as { width: number }[])[0]).toMatchObject({ width: 2560, height: 1920 });
    await expectUserLedger(app, user.id);
  });

  it("a finished run publishes to the gallery under the workflow's name", async () => {
    const res = await run("avatar-hd", user.token, [{ name: "persist", value: "true" }]);
    const done = await waitTask(app, user.token, res.body.id);
    const assetId = (done.outputs as { assetId?: string }[])[0].assetId;
    expect(assetId).toMatch(/^ast_/);
    const work = await api(app)(`/api/assets/${assetId}`);
    expect(work.body.item).toMatchObject({ modelTag: "头像高清", width: 2560, height: 1920 });
  });

  it("a requestId that completed replays the run; nothing is charged twice", async () => {
    const extra = [{ name: "requestId", value: "wf-replay-1" }];
    const first = await run("avatar-hd", user.token, extra);
    await waitTask(app, user.token, first.body.id);
    const after = await balance(app, user.token);
    const again = await run("avatar-hd", user.token, extra);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(await balance(app, user.token)).toBe(after);
  });
});

describe("stopping and failing", () => {
  it("a workflow whose 2nd step fails keeps step 1 (charged, output kept) and refunds steps 2–3", async () => {
    const created = await api(app, admin)("/api/admin/workflows", {
      body: {
        slug: "fails-at-two",
        name: "第二步会失败",
        steps: [
          { tool: "image.background", params: { mode: "remove" } },
          { tool: "image.outpaint", params: { left: 40, prompt: "#fail" } },
          { tool: "image.upscale", params: { scale: 2 } },
        ],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const start = await balance(app, user.token);
    const res = await run("fails-at-two");
    expect(res.status).toBe(202);
    const held = res.body.steps.map((s: Step) => s.credits.held);
    const done = await waitTask(app, user.token, res.body.id);
    expect(done.status).toBe("failed");
    expect((done.error as { message: string }).message).toContain("第 2 步");
    const detail = (await api(app, user.token)(`/api/tasks/${res.body.id}`)).body;
    expect(detail.steps.map((s: Step) => s.status)).toEqual(["completed", "failed", "cancelled"]);
    expect(detail.steps.map((s: Step) => s.credits.charged)).toEqual([held[0], 0, 0]);
    // Step 1's picture is the run's output, still served.
    expect(detail.outputs[0].url).toBe(detail.steps[0].outputs[0].url);
    const kept = await fetchPicture(detail.outputs[0].url);
    expect([kept.width, kept.height]).toEqual([640, 480]);
    expect(await balance(app, user.token)).toBe(start - held[0]);
    const rows = await sqlQuery<{ status: string }>(
      app.databaseUrl,
      `select status from credit_transactions where "requestId" like ? order by "requestId"`,
      [
        `${(await sqlQuery<{ requestId: string }>(app.databaseUrl, `select "requestId" from tasks where id = ?`, [res.body.id]))[0].requestId}:%`,
      ],
    );
    expect(rows.map((r) => r.status)).toEqual(["success", "failed", "failed"]);
    await expectUserLedger(app, user.id);
    await expectLedgerConsistent(app.databaseUrl);
  });

  it("a run the balance cannot cover is refused whole: 402, no task, no hold, no stored picture", async () => {
    const poor = await app.register();
    await grantCredits(app, poor.id, -97);
    const inputs = storedInputs(app).length;
    const res = await run("ecommerce-main", poor.token);
    expect(res.status).toBe(402);
    expect(await taskCount(app, poor.id)).toBe(0);
    expect(storedInputs(app)).toHaveLength(inputs);
    expect(tempEntries(app)).toEqual([]);
    expect(await expectUserLedger(app, poor.id)).toBe(3);
  });

  it("a step over the caller's daily quota refuses the whole run: 429, nothing held", async () => {
    const patch = (quotaPlans: Record<string, Record<string, number>>) =>
      api(app, admin)("/api/admin/settings", { method: "PATCH", body: { quotaPlans } });
    expect((await patch({ default: { "image.upscale": 1 } })).status).toBe(200);
    try {
      const u = await app.register();
      await grantCredits(app, u.id, 500);
      const first = await run("avatar-hd", u.token);
      expect(first.status).toBe(202);
      expect((await waitTask(app, u.token, first.body.id)).status).toBe("completed");
      const before = await balance(app, u.token);
      const refused = await run("ecommerce-main", u.token);
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe("quota_exceeded");
      expect(await taskCount(app, u.id)).toBe(2); // the first run's parent and its one step
      expect(await balance(app, u.token)).toBe(before);
      await expectUserLedger(app, u.id);
    } finally {
      expect((await patch({ default: {} })).status).toBe(200);
    }
  });

  it("a picture a step cannot take is refused before anything is held", async () => {
    const before = await balance(app, user.token);
    const tasks = await taskCount(app, user.id);
    const res = await postMultipart(app, user.token, "/api/workflows/avatar-hd/run", [
      imagePart(Buffer.from("not a picture")),
    ]);
    expect(res.status).toBe(415);
    const missing = await postMultipart(app, user.token, "/api/workflows/no-such/run", [
      imagePart(png),
    ]);
    expect(missing.status).toBe(404);
    expect(await balance(app, user.token)).toBe(before);
    expect(await taskCount(app, user.id)).toBe(tasks);
  });
});

describe("admin", () => {
  it("only admins write workflows; bad steps are 400; a disabled one is gone for users; writes are audited", async () => {
    const body = {
      slug: "just-up",
      name: "只放大",
      steps: [{ tool: "image.upscale", params: { scale: 2 } }],
    };
    expect((await api(app, user.token)("/api/admin/workflows", { body })).status).toBe(403);
    const bad = await api(app, admin)("/api/admin/workflows", {
      body: { ...body, steps: [{ tool: "image.upscale", params: { scale: 3 } }] },
    });
    expect(bad.status).toBe(400);
    const made = await api(app, admin)("/api/admin/workflows", { body });
    expect(made.status).toBe(201);
    expect((await api(app, admin)("/api/admin/workflows", { body })).status).toBe(409);
    expect(
      (await api(app)("/api/workflows")).body.items.some(
        (w: { slug: string }) => w.slug === "just-up",
      ),
    ).toBe(true);
    const off = await api(app, admin)(`/api/admin/workflows/${made.body.item.id}`, {
      method: "PATCH",
      body: { enabled: false },
    });
    expect(off.body.item.enabled).toBe(false);
    expect(
      (await api(app)("/api/workflows")).body.items.some(
        (w: { slug: string }) => w.slug === "just-up",
      ),
    ).toBe(false);
    expect((await run("just-up")).status).toBe(404);
    const audit = await api(app, admin)("/api/admin/audit?limit=50");
    const actions = audit.body.items.map((a: { action: string }) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["workflow.create", "workflow.update"]));
  });
});
