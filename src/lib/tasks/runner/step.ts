import "server-only";
import { db, nowIso } from "@/lib/db";
import type { ProviderRow, TaskRow } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { taskMetrics } from "@/lib/metrics";
import { isToolOperation, type Operation } from "@/lib/operations/registry";
import { fitTaskOutputs } from "@/lib/operations/tools/output";
import { advanceWorkflow } from "@/lib/workflows/advance";
import { imageCost, type PricingTable, videoCost } from "@/lib/pricing/compute";
import { providerAccess, type ProviderAccess } from "@/lib/providers/access";
import { taskAdapterFor } from "@/lib/providers/registry";
import { type TaskAdapter, type TaskInput, TaskUpstreamError } from "@/lib/providers/task-types";
import { storage } from "@/lib/storage";
import { completeTask, endTask } from "../finish";
import {
  LIVE_STATUSES,
  parseTask,
  type ParsedTask,
  type TaskMedia,
  type TaskPrice,
  WORKFLOW_KIND,
} from "../model";
import { discardKeys, outputKeys, storeTaskOutputs } from "../outputs";
import { webhookUrl } from "../webhook-token";
import { releaseTask } from "./claim";
import { inlineWork, type InlineWork } from "./inline";

// One step of a claimed task: submit it, or poll it once and act on the answer (progress,
// results stored then completed, or failed). Provider trouble that may pass (429, 5xx, network,
// a broken download) only reschedules the poll with backoff, honouring Retry-After; the task
// fails on a final answer, on a final error, or when it runs past TASK_TIMEOUT_MS.

const MAX_DOWNLOAD_ATTEMPTS = 5;

type StepResult = { next: Date | null };

const log = (task: ParsedTask, outcome: string) =>
  taskMetrics().steps.inc({ kind: task.kind, provider: task.providerSlug, outcome });

/** Poll interval: a tenth of the time the task has run, between TASK_POLL_MIN/MAX_MS. */
export function pollDelay(startedAtMs: number, now = Date.now()): number {
  return Math.min(env.TASK_POLL_MAX_MS, Math.max(env.TASK_POLL_MIN_MS, (now - startedAtMs) / 10));
}

/**
 * When to poll a running task next. The regular interval, unless the provider reports progress:
 * then half the time left at the rate seen so far (elapsed · (100 − p) / p / 2). Halving the gap
 * each time closes in on the finish (low completion lag) in a few polls (a 1,000-task burst
 * polled every 500 ms kept the machine busy with polls instead of finishing tasks), while the
 * progress people watch still rises between the start and the end.
 * Always within TASK_POLL_MIN_MS … TASK_POLL_MAX_MS.
 */
export function nextPollDelay(
  startedAtMs: number,
  progress: number | null,
  now = Date.now(),
): number {
  const regular = pollDelay(startedAtMs, now);
  if (progress === null || progress <= 0 || progress >= 100) return regular;
  const elapsed = now - startedAtMs;
  const eta = (elapsed * (100 - progress)) / progress;
  return Math.max(env.TASK_POLL_MIN_MS, Math.min(env.TASK_POLL_MAX_MS, eta / 2 + 50));
}

/** Backoff after a retryable error: doubling from the min interval, jittered, ≥ Retry-After. */
export function retryDelay(attempts: number, retryAfterMs: number | null): number {
  const base = Math.min(env.TASK_POLL_MAX_MS, env.TASK_POLL_MIN_MS * 2 ** Math.min(attempts, 10));
  const jittered = base * (0.75 + Math.random() * 0.5);
  return Math.max(jittered, retryAfterMs ?? 0);
}

async function providerRow(id: string | null): Promise<ProviderRow | null> {
  if (!id) return null;
  return (
    (await db.selectFrom("providers").selectAll().where("id", "=", id).executeTakeFirst()) ?? null
  );
}

/** The final charge from the price snapshot: what was made (never above the hold). */
export function finalCharge(task: ParsedTask, outputs: number, seconds: number | null): number {
  // A tool's output size is exact and known at submit, so its price was too: the hold.
  if (isToolOperation(task.kind)) return outputs > 0 ? task.creditsHeld : 0;
  const price = JSON.parse(task.price || "{}") as TaskPrice;
  const table = { [task.kind]: price.pricing, rounding: price.rounding ?? "ceil" } as PricingTable;
  const p = task.inputData.params;
  const cost =
    task.kind === "video.generate"
      ? videoCost(table, {
          seconds: Math.min(seconds ?? p.seconds ?? 4, p.seconds ?? Infinity),
          size: p.size,
        })
      : imageCost(table, task.kind as "image.generate" | "image.edit", {
          n: outputs,
          size: p.size,
          quality: p.quality,
        });
  return Math.min(task.creditsHeld, cost);
}

async function mediaInput(media: TaskMedia | undefined): Promise<TaskInput["image"]> {
  if (!media) return null;
  const found = await storage.get(media.key);
  if (!found) throw new TaskUpstreamError("任务的参考图片已不存在", false);
  const chunks: Buffer[] = [];
  for await (const c of found.stream) chunks.push(c as Buffer);
  return {
    bytes: Buffer.concat(chunks),
    mime: media.mime,
    filename: media.key.split("/").pop() ?? "reference",
    publicUrl: env.PUBLIC_URL
      ? `${env.PUBLIC_URL.replace(/\/+$/, "")}${storage.url(media.key)}`
      : null,
  };
}

async function taskInput(task: ParsedTask, adapter: TaskAdapter): Promise<TaskInput> {
  const image = await mediaInput(task.inputData.media.find((m) => m.role !== "background"));
  let remixOfJobId: string | null = null;
  if (task.remixOf && adapter.remix) {
    const source = await db
      .selectFrom("tasks")
      .select(["providerId", "upstreamJobId"])
      .where("id", "=", task.remixOf)
      .executeTakeFirst();
    if (source?.providerId === task.providerId) remixOfJobId = source.upstreamJobId;
  }
  const p = task.inputData.params;
  return {
    taskId: task.id,
    kind: task.kind as Operation,
    upstreamModel: task.upstreamModel,
    prompt: task.inputData.prompt,
    params: { seconds: p.seconds, size: p.size, n: p.n, quality: p.quality },
    image,
    remixOfJobId,
    webhookUrl: webhookUrl(task.id),
    ...(p.tool
      ? {
          tool: p.tool,
          background: await mediaInput(task.inputData.media.find((m) => m.role === "background")),
        }
      : {}),
  };
}

async function fail(task: ParsedTask, code: string, message: string): Promise<StepResult> {
  log(task, "failed");
  await endTask(task, "failed", { code, message });
  return { next: null };
}

async function retry(
  task: ParsedTask,
  workerId: string,
  err: TaskUpstreamError,
): Promise<StepResult> {
  log(task, "retry");
  const next = new Date(Date.now() + retryDelay(task.attempts, err.retryAfterMs));
  logger.warn(
    { taskId: task.id, attempts: task.attempts + 1, reason: err.message },
    "task step will retry",
  );
  await releaseTask(task.id, workerId, next, { attempts: task.attempts + 1 });
  return { next };
}

/** Fails a task past its deadline (refund) and asks the provider to stop. */
export async function timeOutTask(task: ParsedTask): Promise<boolean> {
  const ms = env.TASK_TIMEOUT_MS;
  const limit = ms >= 60_000 ? `${Math.round(ms / 60_000)} 分钟` : `${Math.round(ms / 1000)} 秒`;
  const won = await endTask(task, "failed", {
    code: "upstream_timeout",
    message: `任务超时（超过 ${limit}），积分已退还`,
  });
  if (won) void cancelUpstream(task);
  return won;
}

/** Best effort: tells the provider to stop a job we no longer want. */
export async function cancelUpstream(task: TaskRow): Promise<void> {
  if (!task.upstreamJobId) return;
  try {
    const row = await providerRow(task.providerId);
    const adapter = row && taskAdapterFor(row.kind, task.kind as Operation);
    if (row && adapter?.cancel) await adapter.cancel(providerAccess(row), task.upstreamJobId);
  } catch (err) {
    logger.warn({ taskId: task.id, reason: (err as Error).message }, "upstream cancel failed");
  }
}

async function submit(
  task: ParsedTask,
  workerId: string,
  adapter: TaskAdapter,
  access: ProviderAccess,
  signal: AbortSignal,
): Promise<StepResult> {
  const jobId = await adapter.submit(access, await taskInput(task, adapter), signal);
  const now = new Date();
  const next = new Date(now.getTime() + env.TASK_POLL_MIN_MS);
  log(task, "submitted");
  const kept = await releaseTask(task.id, workerId, next, {
    upstreamJobId: jobId,
    status: "in_progress",
    startedAt: now.toISOString(),
    attempts: 0,
  });
  if (!kept) {
    // Cancelled (or taken over) while we submitted: the provider's job is not ours to keep.
    await adapter.cancel?.(access, jobId).catch(() => undefined);
    return { next: null };
  }
  return { next };
}

async function poll(
  task: ParsedTask,
  workerId: string,
  adapter: TaskAdapter,
  access: ProviderAccess,
  signal: AbortSignal,
): Promise<StepResult> {
  const result = await adapter.poll(access, task.upstreamJobId!, task.kind as Operation, signal);
  if (result.state === "failed") return fail(task, result.error.code, result.error.message);
  if (result.state !== "succeeded") {
    log(task, "polled");
    const started = Date.parse(task.startedAt ?? task.createdAt);
    const next = new Date(Date.now() + nextPollDelay(started, result.progress));
    const progress = Math.max(
      task.progress,
      Math.min(99, Math.round(result.progress ?? task.progress)),
    );
    await releaseTask(task.id, workerId, next, {
      progress,
      status: "in_progress",
      attempts: 0,
    });
    return { next };
  }
  let outputs;
  try {
    outputs = await storeTaskOutputs(access, task, result.outputs, result.seconds);
    // A tool promised an exact size and format: whatever the provider made is fitted to it.
    const call = task.inputData.params.tool;
    if (call && isToolOperation(task.kind)) {
      const stored = outputs;
      outputs = await fitTaskOutputs(stored, call).catch(async () => {
        await discardKeys(outputKeys(stored));
        throw new TaskUpstreamError(`上游服务 ${access.slug} 返回的图片无法解析`, false);
      });
    }
  } catch (err) {
    if (
      err instanceof TaskUpstreamError &&
      err.retryable &&
      task.attempts + 1 < MAX_DOWNLOAD_ATTEMPTS
    )
      return retry(task, workerId, err);
    const message = err instanceof TaskUpstreamError ? err.message : "结果保存失败";
    if (!(err instanceof TaskUpstreamError))
      logger.error(
        { taskId: task.id, err: { message: (err as Error).message } },
        "storing outputs failed",
      );
    return fail(task, "upstream_error", `${message}，积分已退还`);
  }
  const won = await completeTask(
    task,
    outputs,
    finalCharge(task, outputs.length, result.seconds),
    result.completedAt,
  );
  if (!won) await discardKeys(outputKeys(outputs));
  else log(task, "completed");
  return { next: null };
}

/** A step the runner does in one go (./inline.ts): marked running, then completed or failed. */
async function runInline(
  task: ParsedTask,
  workerId: string,
  work: InlineWork,
  signal: AbortSignal,
): Promise<StepResult> {
  const now = nowIso();
  const startedAt = task.startedAt ?? now;
  await db
    .updateTable("tasks")
    .set({ status: "in_progress", startedAt, updatedAt: now })
    .where("id", "=", task.id)
    .where("lockedBy", "=", workerId)
    .where("status", "in", [...LIVE_STATUSES])
    .execute();
  let outputs;
  try {
    outputs = await work(signal);
  } catch (err) {
    if (!(err instanceof TaskUpstreamError)) throw err;
    if (err.retryable && task.attempts + 1 < MAX_DOWNLOAD_ATTEMPTS)
      return retry(task, workerId, err);
    return fail(task, "upstream_error", `${err.message}，积分已退还`);
  }
  const running = { ...task, status: "in_progress" as const, startedAt };
  const won = await completeTask(running, outputs, finalCharge(task, outputs.length, null));
  if (!won) await discardKeys(outputKeys(outputs));
  else log(task, "completed");
  return { next: null };
}

/** Runs one step of a task this worker has claimed. Never throws for provider trouble. */
export async function runStep(
  row: TaskRow,
  workerId: string,
  signal: AbortSignal,
): Promise<StepResult> {
  const task = parseTask(row);
  if (Date.parse(task.createdAt) + env.TASK_TIMEOUT_MS <= Date.now()) {
    await timeOutTask(task);
    return { next: null };
  }
  if (task.kind === WORKFLOW_KIND) return advanceWorkflow(task, workerId);
  const provider = await providerRow(task.providerId);
  const gone = () =>
    fail(task, "model_not_found", `服务商 ${task.providerSlug} 已停用或不再支持该任务，积分已退还`);
  if (!provider || !provider.enabled) return gone();
  const access = providerAccess(provider);
  const inline = task.upstreamJobId ? null : inlineWork(task, provider, access);
  if (inline) return runInline(task, workerId, inline, signal);
  const adapter = taskAdapterFor(provider.kind, task.kind as Operation);
  if (!adapter) return gone();
  try {
    return task.upstreamJobId
      ? await poll(task, workerId, adapter, access, signal)
      : await submit(task, workerId, adapter, access, signal);
  } catch (err) {
    if (err instanceof TaskUpstreamError) {
      if (err.retryable) return retry(task, workerId, err);
      return fail(task, "upstream_error", err.message);
    }
    throw err;
  }
}
