import "server-only";
import { db, nowIso } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { childTasks, endLiveChildren } from "@/lib/tasks/children";
import { endTask } from "@/lib/tasks/finish";
import {
  LIVE_STATUSES,
  type ParsedTask,
  type TaskError,
  type TaskMedia,
  type TaskOutput,
} from "@/lib/tasks/model";
import { galleryChanged } from "@/lib/gallery/cache";
import { persistTaskOutputs } from "@/lib/tasks/persist";
import { releaseTask } from "@/lib/tasks/runner/claim";
import { taskDue } from "@/lib/tasks/runner/due";

// One step of a workflow's own task, run by the task runner like any other: look at the steps
// (child tasks) and move on. A finished step hands its picture to the next one and makes it due;
// a failed or cancelled step ends the workflow, and every step that has not run is ended with a
// refund (each step holds its own credits, so what finished stays charged and kept). Steps wake
// the workflow when they end (../tasks/finish.ts); the workflow's own poll is only a fallback.

type StepResult = { next: Date | null };

const stepName = (t: ParsedTask) =>
  `第 ${(t.stepIndex ?? 0) + 1} 步「${t.inputData.params.label ?? t.kind}」`;

/** Ends the workflow's task (no hold of its own; its steps settled or refunded theirs). */
async function finishWorkflow(
  task: ParsedTask,
  status: "completed" | "failed",
  outcome: { outputs: TaskOutput[]; charged: number; error?: TaskError },
): Promise<boolean> {
  const now = nowIso();
  const won = await db.transaction().execute(async (trx) => {
    // A run's work is labelled with the workflow's name (its steps may use several models).
    const labelled = { ...task, modelSlug: task.inputData.params.label ?? task.modelSlug };
    const outputs =
      status === "completed" && task.inputData.params.persist
        ? await persistTaskOutputs(trx, labelled, outcome.outputs)
        : outcome.outputs;
    const res = await trx
      .updateTable("tasks")
      .set({
        status,
        ...(status === "completed" ? { progress: 100 } : {}),
        outputs: JSON.stringify(outputs),
        error: outcome.error ? JSON.stringify(outcome.error) : null,
        creditsCharged: outcome.charged,
        finishedAt: now,
        startedAt: task.startedAt ?? now,
        lockedUntil: null,
        lockedBy: null,
        nextPollAt: null,
        updatedAt: now,
      })
      .where("id", "=", task.id)
      .where("status", "in", [...LIVE_STATUSES])
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  });
  if (won && status === "completed" && task.inputData.params.persist) galleryChanged();
  if (won)
    logger.info(
      { taskId: task.id, workflow: task.modelSlug, status, credits: outcome.charged },
      "workflow finished",
    );
  return won;
}

/** Where the next step reads its picture: the previous step's output. */
function handOn(prev: ParsedTask, next: ParsedTask): TaskMedia[] | null {
  const out = prev.outputList[0];
  if (!out || out.type !== "image" || !out.width || !out.height) return null;
  const source: TaskMedia = {
    key: out.key,
    mime: out.contentType,
    width: out.width,
    height: out.height,
  };
  return [source, ...next.inputData.media.filter((m) => m.role === "background")];
}

export async function advanceWorkflow(task: ParsedTask, workerId: string): Promise<StepResult> {
  const steps = await childTasks(task.id);
  const done = steps.filter((s) => s.status === "completed");
  const charged = done.reduce((n, s) => n + s.creditsCharged, 0);
  const kept = done.length ? done[done.length - 1].outputList : [];

  const broken = steps.find((s) => s.status === "failed" || s.status === "cancelled");
  if (broken || !steps.length) {
    await endLiveChildren(task.id, "cancelled", {
      code: "cancelled",
      message: "前面的步骤没有完成，本步未执行，积分已退还",
    });
    const why = broken?.errorData?.message ?? (broken?.status === "cancelled" ? "已取消" : "失败");
    await finishWorkflow(task, "failed", {
      outputs: kept,
      charged,
      error: {
        code: broken?.errorData?.code ?? "workflow_failed",
        message: broken ? `${stepName(broken)}未完成：${why}` : "工作流没有步骤",
      },
    });
    return { next: null };
  }
  if (done.length === steps.length) {
    await finishWorkflow(task, "completed", { outputs: kept, charged });
    return { next: null };
  }

  const current = steps.find((s) => s.status !== "completed")!;
  if (current.status === "queued" && current.nextPollAt === null) {
    const prev = steps[steps.indexOf(current) - 1];
    const media = prev ? handOn(prev, current) : current.inputData.media;
    if (!media) {
      // Fails the step; the workflow looks again at once and ends with the rest refunded.
      await failMissingInput(current, prev);
      const now = new Date();
      await releaseTask(task.id, workerId, now);
      return { next: now };
    }
    const started = await db
      .updateTable("tasks")
      .set({
        input: JSON.stringify({ ...current.inputData, media }),
        nextPollAt: nowIso(),
        updatedAt: nowIso(),
      })
      .where("id", "=", current.id)
      .where("status", "=", "queued")
      .where("nextPollAt", "is", null)
      .executeTakeFirst();
    if (Number(started.numUpdatedRows) === 1) taskDue(current.id);
  }

  const n = steps.length;
  const progress = Math.min(99, Math.round(((done.length + current.progress / 100) / n) * 100));
  const age = Date.now() - Date.parse(task.createdAt);
  const next = new Date(
    Date.now() + Math.min(env.TASK_POLL_MAX_MS, Math.max(env.TASK_POLL_MIN_MS, age / 10)),
  );
  await releaseTask(task.id, workerId, next, {
    status: "in_progress",
    progress: Math.max(task.progress, progress),
    ...(task.startedAt ? {} : { startedAt: nowIso() }),
  });
  return { next };
}

/** A step whose input never came (the previous step made no picture): it fails, refunded. */
async function failMissingInput(step: ParsedTask, prev: ParsedTask | undefined): Promise<void> {
  await endTask(step, "failed", {
    code: "upstream_error",
    message: `${prev ? stepName(prev) : "上一步"}没有产出图片，积分已退还`,
  });
}
