import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import OpenAI from "openai";
import { expect } from "vitest";
import { api, type App } from "./app";
import { sqlQuery } from "./db";

// Task suites: providers of the task kinds (created through the admin API, as an admin would),
// waiting on tasks, worker processes, and the ledger invariants every task test ends with.

export const VIDEO_PRICING = {
  "video.generate": { perSecond: 2, fixedCreditsPerCall: 1, sizeFactors: { "1792x1024": 2 } },
  "image.generate": { perImage: 3 },
  rounding: "ceil",
} as const;

export async function createTaskModel(
  app: App,
  opts: {
    kind: "openaiLike" | "replicate" | "kie";
    baseURL: string;
    apiKey: string;
    slug: string;
    upstreamModel: string;
    capabilities?: string[];
  },
) {
  const call = api(app, await app.adminToken());
  const provider = await call("/api/admin/ai/providers", {
    body: {
      slug: `${opts.slug}-up`,
      name: `${opts.kind} upstream`,
      kind: opts.kind,
      baseURL: opts.baseURL,
      apiKey: opts.apiKey,
    },
  });
  expect(provider.status, JSON.stringify(provider.body)).toBe(201);
  const model = await call("/api/admin/ai/models", {
    body: {
      slug: opts.slug,
      displayName: opts.slug,
      providerId: provider.body.item.id,
      upstreamModel: opts.upstreamModel,
      capabilities: opts.capabilities ?? ["video.generate"],
      modalities: ["video"],
      pricing: VIDEO_PRICING,
    },
  });
  expect(model.status, JSON.stringify(model.body)).toBe(201);
  return { slug: opts.slug, providerId: provider.body.item.id as string };
}

export const videoSdk = (app: App, token: string, base = "/v1") =>
  new OpenAI({ baseURL: `${app.url}${base}`, apiKey: token, maxRetries: 0 });

type TaskBody = { id: string; status: string; progress: number; [k: string]: unknown };

/** Polls GET /api/tasks/{id} until the task is terminal (bounded by `timeoutMs`). */
export async function waitTask(
  app: App,
  token: string,
  id: string,
  timeoutMs = 30_000,
): Promise<TaskBody> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await api(app, token)(`/api/tasks/${id}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    if (!["queued", "in_progress"].includes(res.body.status)) return res.body;
    if (Date.now() > deadline) throw new Error(`task ${id} still ${res.body.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until no task of the database is live. */
export async function waitAllTerminal(databaseUrl: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await sqlQuery<{ n: number | string }>(
      databaseUrl,
      `select count(*) as n from tasks where status in ('queued', 'in_progress')`,
    );
    if (Number(row.n) === 0) return;
    if (Date.now() > deadline) throw new Error(`${row.n} tasks still live`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The money invariants after tasks: every balance equals its ledger, no hold is pending, and
 * each task's hold ended exactly as the task did (completed → charged what the task says;
 * failed/cancelled → refunded), one ledger row per task.
 */
export async function expectLedgerConsistent(databaseUrl: string): Promise<void> {
  const users = await sqlQuery<{ id: string; credits: number; sum: number | string | null }>(
    databaseUrl,
    `select u.id, u.credits, (select sum(delta) from credit_transactions t
       where t."userId" = u.id and t.status in ('pending', 'success')) as sum from users u`,
  );
  for (const u of users) expect(Number(u.sum ?? 0), `balance of ${u.id}`).toBe(Number(u.credits));
  const pending = await sqlQuery<{ n: number | string }>(
    databaseUrl,
    `select count(*) as n from credit_transactions where status = 'pending'`,
  );
  expect(Number(pending[0].n)).toBe(0);
  const rows = await sqlQuery<{
    id: string;
    status: string;
    creditsCharged: number;
    txStatus: string | null;
    delta: number | null;
    holds: number | string;
  }>(
    databaseUrl,
    `select k.id, k.status, k."creditsCharged", t.status as "txStatus", t.delta,
       (select count(*) from credit_transactions c where c.meta like '%' || k.id || '%') as holds
     from tasks k left join credit_transactions t on t.id = k."holdId" where k."holdId" is not null`,
  );
  for (const r of rows) {
    expect(Number(r.holds), `ledger rows of ${r.id}`).toBe(1);
    if (r.status === "completed") {
      expect(r.txStatus, r.id).toBe("success");
      expect(-Number(r.delta), r.id).toBe(Number(r.creditsCharged));
    } else {
      expect(r.status, r.id).toMatch(/^(failed|cancelled)$/);
      expect(r.txStatus, r.id).toBe("failed");
      expect(Number(r.creditsCharged), r.id).toBe(0);
    }
  }
}

export type WorkerProc = {
  logs: () => string;
  stop: () => Promise<void>;
  kill9: () => Promise<void>;
};

/** `npm run worker` as a separate process on an app's database and data dir. */
export function startWorker(app: App, env: Record<string, string>): WorkerProc {
  let output = "";
  const child: ChildProcess = spawn(
    process.execPath,
    // tsx's loader in this very process, not the tsx CLI: the CLI runs the script in a child
    // process of its own, which a SIGKILL of the CLI would leave running (kill9 must kill the
    // worker itself, and no test may leave one behind).
    [
      "--require",
      path.resolve("node_modules/tsx/dist/preflight.cjs"),
      "--import",
      pathToFileURL(path.resolve("node_modules/tsx/dist/loader.mjs")).href,
      "--conditions=react-server",
      "scripts/worker.ts",
    ],
    {
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "/root",
        NODE_ENV: "production",
        APP_ENV: "test",
        DATA_DIR: app.dataDir,
        DATABASE_URL: app.databaseUrl,
        AUTH_SECRET: "test-auth-secret-0123456789abcdef0123456789",
        ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
        LOG_LEVEL: "info",
        ...env,
      } as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise((r) => child.once("exit", r));
  return {
    logs: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const t = setTimeout(() => child.kill("SIGKILL"), 15_000);
        await exited;
        clearTimeout(t);
      }
    },
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
        await exited;
      }
    },
  };
}

/** Waits for a log line (e.g. the worker saying it is ready). */
export async function waitForLog(logs: () => string, text: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!logs().includes(text)) {
    if (Date.now() > deadline) throw new Error(`no "${text}" in logs:\n${logs().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
