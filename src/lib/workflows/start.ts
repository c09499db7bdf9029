import "server-only";
import type { Transaction } from "kysely";
import { defaultModelSlug } from "@/lib/catalog/default-model";
import { resolveModel } from "@/lib/catalog/resolve";
import type { AiModelView } from "@/lib/catalog/views";
import { holdCredits } from "@/lib/credits/ledger";
import { db, nowIso } from "@/lib/db";
import type { Database, ProviderRow, TaskRow, UserRow } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/errors";
import { holdGuards } from "@/lib/gateway/guards";
import { newId } from "@/lib/ids";
import { formatOfMime, MIME } from "@/lib/operations/tools/output";
import { outputFormat, type Size } from "@/lib/operations/tools/plan";
import { toolRouteFor } from "@/lib/providers/registry";
import { enforceLimits, modelRules } from "@/lib/rate-limit";
import {
  parseTask,
  type ParsedTask,
  type TaskMedia,
  type TaskParams,
  WORKFLOW_KIND,
} from "@/lib/tasks/model";
import { scheduleTask } from "@/lib/tasks/runner";
import { type ChainStep, planChain, quoteStep } from "./chain";
import type { WorkflowView } from "./schema";

// Starting a workflow run: every step is planned on the picture (sizes, models, prices) before
// anything is held; then ONE transaction inserts the workflow's task, one child task per step and
// each step's hold — all or nothing (402 if the total does not fit, 409 if the requestId is live).
// Step 1 is due at once; each later step becomes due when the one before it finishes.

export type PlannedStep = ChainStep & {
  model: AiModelView;
  providerRow: ProviderRow;
  credits: number;
};

export type RunOptions = {
  requestId: string;
  persist: boolean;
  title?: string;
  tags?: string[];
  projectId: string | null;
};

const maxPixels = () => env.UPLOAD_MAX_PIXELS * 16;

async function stepModel(step: ChainStep, wanted: string | undefined) {
  const slug = wanted ?? (await defaultModelSlug(step.kind));
  const noModel = () =>
    new ApiError("model_not_found", `第 ${step.index + 1} 步（${step.label}）没有可用的模型`, {
      param: "model",
    });
  if (!slug) throw noModel();
  const found = await resolveModel(slug, step.kind).catch(() => {
    throw noModel();
  });
  // Image generation/edit runs on any kind (at once on OpenAI-compatible ones, as a task on job
  // kinds); a tool needs a kind that can do this very call.
  const runnable =
    !step.spec ||
    toolRouteFor(found.providerRow.kind, {
      op: step.spec.op,
      upstreamModel: found.model.upstreamModel,
      spec: step.spec,
    });
  if (!runnable) throw noModel();
  return found;
}

/** Every step planned on a `src`-sized picture with its model and price. */
export async function planWorkflowRun(workflow: WorkflowView, src: Size): Promise<PlannedStep[]> {
  const chain = planChain(workflow.steps, src, maxPixels());
  if ("error" in chain)
    throw new ApiError(
      "invalid_request",
      `第 ${chain.error.step + 1} 步无法处理这张图片：${chain.error.message}`,
      { param: "image" },
    );
  const out: PlannedStep[] = [];
  for (const step of chain.steps) {
    const { model, providerRow } = await stepModel(step, workflow.steps[step.index].model);
    out.push({ ...step, model, providerRow, credits: quoteStep(step, model.pricing).credits });
  }
  return out;
}

function taskRow(fields: Partial<TaskRow> & Pick<TaskRow, "id" | "kind">, now: string): TaskRow {
  return {
    userId: "",
    modelSlug: "",
    providerSlug: "",
    providerId: null,
    upstreamModel: "",
    upstreamJobId: null,
    requestId: "",
    status: "queued",
    progress: 0,
    input: "{}",
    outputs: "[]",
    price: "{}",
    holdId: null,
    creditsHeld: 0,
    creditsCharged: 0,
    error: null,
    attempts: 0,
    nextPollAt: null,
    lockedUntil: null,
    lockedBy: null,
    remixOf: null,
    upstreamDoneAt: null,
    deletedAt: null,
    createdAt: now,
    startedAt: null,
    finishedAt: null,
    updatedAt: now,
    parentId: null,
    stepIndex: null,
    projectId: null,
    ...fields,
  };
}

/**
 * Each step's task parameters. A tool step's format follows its input's (a removed background is
 * PNG, for the alpha); a generated or edited picture is taken to be PNG.
 */
function stepParams(steps: PlannedStep[], sourceMime: string): TaskParams[] {
  let mime = sourceMime;
  return steps.map((step) => {
    const params: TaskParams = { label: step.label };
    if (step.size) params.size = step.size;
    if (!step.spec) {
      mime = MIME.png;
      return params;
    }
    const format = outputFormat(step.spec, formatOfMime(mime), null);
    mime = MIME[format];
    params.tool = { spec: step.spec, output: { ...step.output, format } };
    return params;
  });
}

/** Who runs a workflow: the signed-in user, with what their daily quotas are read from. */
export type WorkflowCaller = Pick<UserRow, "id" | "plan" | "quotaOverrides">;

export async function startWorkflow(
  user: WorkflowCaller,
  workflow: WorkflowView,
  source: TaskMedia,
  steps: PlannedStep[],
  opts: RunOptions,
): Promise<ParsedTask> {
  for (const s of steps) await enforceLimits(modelRules(s.model.slug, s.model.rateLimit?.rpm));
  const now = nowIso();
  const parentId = newId("task_");
  const total = steps.reduce((n, s) => n + s.credits, 0);
  const parent = taskRow(
    {
      id: parentId,
      kind: WORKFLOW_KIND,
      userId: user.id,
      modelSlug: workflow.slug,
      providerSlug: "workflow",
      upstreamModel: workflow.id,
      requestId: opts.requestId,
      input: JSON.stringify({
        prompt: workflow.name,
        params: {
          label: workflow.name,
          ...(opts.persist ? { persist: true } : {}),
          ...(opts.title ? { title: opts.title } : {}),
          ...(opts.tags?.length ? { tags: opts.tags } : {}),
        },
        media: [source],
      }),
      creditsHeld: total,
      // Steps wake it when they end; this is only the first look.
      nextPollAt: new Date(Date.now() + env.TASK_POLL_MAX_MS).toISOString(),
      projectId: opts.projectId,
    },
    now,
  );
  const children: TaskRow[] = [];
  const params = stepParams(steps, source.mime);
  // Each step counts against the caller's daily quota for its own operation, checked by the
  // ledger inside the same transaction as its hold (workflows are session-only: no API key).
  const guards = await Promise.all(
    steps.map((step) => holdGuards({ user, apiKey: null, operation: step.kind })),
  );
  await db.transaction().execute(async (trx: Transaction<Database>) => {
    await trx.insertInto("tasks").values(parent).execute();
    for (const step of steps) {
      const id = newId("task_");
      const hold = await holdCredits(
        user.id,
        step.credits,
        `${opts.requestId}:${step.index + 1}`,
        {
          reason: step.kind,
          providerSlug: step.providerRow.slug,
          modelSlug: step.model.slug,
          meta: { operation: step.kind, taskId: id, workflowTaskId: parentId },
          ...guards[step.index],
        },
        trx,
      );
      const row = taskRow(
        {
          id,
          kind: step.kind,
          userId: user.id,
          modelSlug: step.model.slug,
          providerSlug: step.providerRow.slug,
          providerId: step.providerRow.id,
          upstreamModel: step.model.upstreamModel,
          requestId: `${opts.requestId}:${step.index + 1}`,
          input: JSON.stringify({
            prompt: step.prompt ?? step.label,
            params: params[step.index],
            media: step.index === 0 ? [source] : [],
          }),
          price: JSON.stringify({
            pricing: step.model.pricing[step.kind] ?? {},
            rounding: step.model.pricing.rounding,
          }),
          holdId: hold.id,
          creditsHeld: step.credits,
          nextPollAt: step.index === 0 ? now : null,
          parentId,
          stepIndex: step.index,
        },
        now,
      );
      await trx.insertInto("tasks").values(row).execute();
      children.push(row);
    }
  });
  if (children[0]) scheduleTask(children[0].id, new Date());
  return parseTask(parent);
}
