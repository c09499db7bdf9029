import "server-only";
import { db, nowIso } from "@/lib/db";
import { ApiError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import type { Operation } from "@/lib/operations/registry";
import { providerAccess } from "@/lib/providers/access";
import { taskAdapterFor } from "@/lib/providers/registry";
import { LIVE_STATUSES } from "./model";
import { scheduleTask } from "./runner";
import { checkWebhookToken } from "./webhook-token";

// A provider calling back about a task. The callback is authenticated (our per-task token, plus
// the provider's signature where it signs), then it only makes the task due now: the runner
// polls the provider and finishes the task through the same guarded path as any poll. So a
// duplicated, replayed or reordered callback can never charge or refund twice, and a callback's
// body is never trusted for results.

export async function acceptWebhook(input: {
  taskId: string;
  token: string | null;
  headers: Headers;
  body: string;
}): Promise<{ accepted: boolean }> {
  const unauthorized = () => new ApiError("unauthorized", "回调签名无效");
  if (!checkWebhookToken(input.taskId, input.token)) throw unauthorized();
  const task = await db
    .selectFrom("tasks")
    .select(["id", "kind", "status", "providerId", "createdAt"])
    .where("id", "=", input.taskId)
    .executeTakeFirst();
  if (!task) throw new ApiError("not_found", "任务不存在");
  const provider = task.providerId
    ? await db
        .selectFrom("providers")
        .selectAll()
        .where("id", "=", task.providerId)
        .executeTakeFirst()
    : undefined;
  const adapter = provider ? taskAdapterFor(provider.kind, task.kind as Operation) : null;
  if (!provider || !adapter) throw new ApiError("not_found", "任务的服务商不存在");
  if (adapter.verifyWebhook) {
    const ok = await adapter.verifyWebhook(providerAccess(provider), {
      headers: input.headers,
      body: input.body,
    });
    if (!ok) throw unauthorized();
  }
  if (!(LIVE_STATUSES as readonly string[]).includes(task.status)) return { accepted: false };
  // Due "since it was created": ahead of every task merely due by schedule, so news from the
  // provider is acted on first even when the runner has a backlog.
  await db
    .updateTable("tasks")
    .set({ nextPollAt: task.createdAt, updatedAt: nowIso() })
    .where("id", "=", task.id)
    .where("status", "in", [...LIVE_STATUSES])
    .execute();
  scheduleTask(task.id, new Date());
  logger.info({ taskId: task.id, provider: provider.slug }, "task webhook accepted");
  return { accepted: true };
}
