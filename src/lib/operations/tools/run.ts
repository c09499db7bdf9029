import "server-only";
import { json } from "@/lib/api/handler";
import { defaultModelSlug } from "@/lib/catalog/default-model";
import { env } from "@/lib/env";
import { ApiError, ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import { billedCall } from "@/lib/gateway/charge";
import { adoptRequestId, type AiCall, resolveFor } from "@/lib/gateway/call";
import { publicOrigin } from "@/lib/media/urls";
import { observeCall } from "@/lib/metrics";
import { persistImages } from "@/lib/operations/images/persist";
import type { ToolOperation } from "@/lib/operations/registry";
import { toolCost } from "@/lib/pricing/tools";
import { getProjectOrThrow } from "@/lib/projects/repo";
import { providerAccess } from "@/lib/providers/access";
import { toolRouteFor } from "@/lib/providers/registry";
import { TaskUpstreamError } from "@/lib/providers/task-types";
import type { ToolAdapter, ToolJob } from "@/lib/providers/tool-types";
import { createTask, taskIdFor } from "@/lib/tasks/create";
import { holdGuards } from "@/lib/gateway/guards";
import type { ParsedTask, TaskMedia, TaskOutput, TaskParams, ToolCall } from "@/lib/tasks/model";
import { completedByRequest, getTask } from "@/lib/tasks/repo";
import { syncTaskRecorder } from "@/lib/tasks/sync";
import { toTaskView } from "@/lib/tasks/views";
import { waitForTask } from "@/lib/tasks/wait";
import { BadToolAnswer, fitExact, formatOfMime, readStored, storeToolImage } from "./output";
import { describeSpec, outputFormat, planTool, type Size, type ToolSpec } from "./plan";
import { TOOL_SCHEMAS, type ToolBody, toolRequest } from "./schema";
import { discardSources, type ToolInput, type ToolSources, withToolSources } from "./source";
import { toolAnswer } from "./answer";

// POST /v1/images/upscale|outpaint|background and their /api/ai twins (one handler):
// read the picture(s) → plan (exact output size) → model → price → hold → run → fit to the exact
// size → store → settle → OpenAI-style {created, data:[{url}|{b64_json}]}. Everything that can
// be wrong with the request is found before any credit is held. A model whose provider answers
// as a job runs as a task instead: 202 with the task (or, with wait=true, the result when it
// comes within AI_TIMEOUT_MS).

const SYNC_RETRIES = 2;

export const upscaleImage = (call: AiCall) => runTool(call, "image.upscale");
export const outpaintImage = (call: AiCall) => runTool(call, "image.outpaint");
export const backgroundImage = (call: AiCall) => runTool(call, "image.background");

function runTool(call: AiCall, op: ToolOperation): Promise<Response> {
  let body: ToolBody | null = null;
  return withToolSources(
    call.req,
    (fields) => {
      body = TOOL_SCHEMAS[op].parse(fields) as ToolBody;
    },
    (sources) => handle(call, op, body!, sources),
  );
}

const media = (input: ToolInput, role?: "background"): TaskMedia => ({
  key: input.key,
  mime: input.mime,
  width: input.width,
  height: input.height,
  ...(role ? { role } : {}),
});

function priceInput(spec: ToolSpec, output: Size) {
  return {
    ...output,
    scale: spec.op === "image.upscale" ? spec.scale : null,
    creativity: spec.op === "image.outpaint" ? spec.creativity : null,
    mode: spec.op === "image.background" ? spec.mode : null,
  };
}

/** What the call's record says it was asked (its prompt, or what the tool did). */
const promptOf = (spec: ToolSpec) =>
  (spec.op !== "image.upscale" ? spec.prompt : null) ?? describeSpec(spec);

async function handle(
  call: AiCall,
  op: ToolOperation,
  body: ToolBody,
  sources: ToolSources,
): Promise<Response> {
  const requestId = adoptRequestId(call, body.requestId);
  const replay = await completedByRequest(call.user.id, requestId, op);
  if (replay) {
    await discardSources(sources);
    call.finished = true;
    return json(await toolAnswer(call.req, replay));
  }
  const source = sources.image!;
  if (sources.background && op !== "image.background")
    throw new ApiError("invalid_request", "background 只用于背景替换", { param: "background" });
  const plan = planTool(
    toolRequest(op, body as Record<string, unknown>, !!sources.background),
    source,
    env.UPLOAD_MAX_PIXELS * 16,
  );
  if ("error" in plan)
    throw new ApiError("invalid_request", plan.error.message, { param: plan.error.param });
  const asked = body.output_format ?? body.outputFormat ?? null;
  const toolCall: ToolCall = {
    spec: plan.spec,
    output: { ...plan.output, format: outputFormat(plan.spec, formatOfMime(source.mime), asked) },
  };
  const projectRef = body.project_id ?? body.projectId;
  const projectId = projectRef
    ? (await getProjectOrThrow({ id: projectRef, ownerId: call.user.id })).id
    : null;

  const slug = body.model ?? (await defaultModelSlug(op));
  if (!slug) throw new ApiError("model_not_found", `没有可用的 ${op} 模型`, { param: "model" });
  const { model, provider, providerRow } = await resolveFor(call, slug, body.provider);
  const route = toolRouteFor(providerRow.kind, {
    op,
    upstreamModel: model.upstreamModel,
    spec: plan.spec,
  });
  if (!route)
    throw new ApiError("model_not_found", `模型 ${model.slug} 的服务商不能执行这个调用`, {
      param: "model",
    });
  const hold = toolCost(model.pricing, op, priceInput(plan.spec, plan.output));
  const params: TaskParams = {
    tool: toolCall,
    ...(body.persist ? { persist: true } : {}),
    ...(body.title ? { title: body.title } : {}),
    ...(body.tags?.length ? { tags: body.tags } : {}),
  };
  const inputs = [
    media(source),
    ...(sources.background ? [media(sources.background, "background")] : []),
  ];
  const reply = body.response_format ?? body.responseFormat ?? "url";
  const prompt = promptOf(plan.spec);
  // From here the inputs belong to the call's record (a task or the finished call's row).
  const keep = () => {
    for (const input of [sources.image, sources.background]) if (input) input.owned = false;
  };

  if (route.mode === "task") {
    const task = await createTask({
      userId: call.user.id,
      kind: op,
      requestId,
      model,
      providerRow,
      hold,
      projectId,
      input: { prompt, params, media: inputs, reply: { created: 0, format: reply } },
      guards: await holdGuards(call),
    });
    keep();
    call.finished = true;
    observeCall({
      operation: op,
      model: model.slug,
      provider: provider.slug,
      status: "queued",
      seconds: (performance.now() - call.started) / 1000,
      credits: 0,
    });
    return answerTask(call, task, body.wait === true, provider.slug);
  }

  let made: { created: number; output: TaskOutput; bytes: Buffer } | null = null;
  const taskId = taskIdFor(op);
  const record = syncTaskRecorder({
    id: taskId,
    userId: call.user.id,
    kind: op,
    requestId,
    modelSlug: model.slug,
    providerSlug: provider.slug,
    providerId: providerRow.id,
    upstreamModel: model.upstreamModel,
    held: hold,
    projectId,
    startedAt: new Date(Date.now() - (performance.now() - call.started)).toISOString(),
    input: () => ({
      prompt,
      params,
      media: inputs,
      reply: { created: made?.created ?? 0, format: reply },
    }),
    outputs: () => (made ? [made.output] : []),
  });
  const result = await billedCall(
    call,
    hold,
    async (signal) => {
      keep();
      const job: ToolJob = {
        ...toolCall,
        op,
        upstreamModel: model.upstreamModel,
        image: { ...media(source), bytes: await readStored(source.key) },
        background: sources.background
          ? { ...media(sources.background), bytes: await readStored(sources.background.key) }
          : null,
      };
      const bytes = await runWithRetries(route.tools, providerAccess(providerRow), job, signal);
      const fitted = await fitExact(bytes, toolCall.output).catch((err) => {
        throw failure(err, provider.slug);
      });
      const output = await storeToolImage(fitted, toolCall.output);
      if (body.persist) {
        const [assetId] = await persistImages(
          [
            {
              ...output,
              bytes: fitted,
              revisedPrompt: null,
              width: output.width!,
              height: output.height!,
            },
          ],
          {
            ownerId: call.user.id,
            prompt,
            modelTag: model.displayName || model.slug,
            modelSlug: model.slug,
            params: { size: `${output.width}x${output.height}` },
            title: body.title,
            tags: body.tags,
          },
        );
        output.assetId = assetId;
      }
      made = { created: Math.floor(Date.now() / 1000), output, bytes: fitted };
      return {
        value: made,
        credits: hold,
        meta: { tool: op, size: `${output.width}x${output.height}` },
      };
    },
    { tool: op },
    record,
  );
  return json(
    await toolAnswer(call.req, {
      taskId,
      created: result.created,
      format: reply,
      outputs: [result.output],
      bytes: [result.bytes],
    }),
  );
}

/** A provider failure as the call's error (502/504 naming the provider). */
function failure(err: unknown, provider: string): unknown {
  if (err instanceof TaskUpstreamError)
    return new ApiError(
      /超时/.test(err.message) ? "upstream_timeout" : "upstream_error",
      err.message,
      {
        provider,
      },
    );
  if (err instanceof BadToolAnswer)
    return new ApiError("upstream_error", `上游服务 ${provider} ${err.message}`, { provider });
  return err;
}

/** A sync tool call with the contract's retries: 2 more tries on 429, 5xx and network errors. */
async function runWithRetries(
  tools: ToolAdapter,
  access: ReturnType<typeof providerAccess>,
  job: ToolJob,
  signal: AbortSignal,
): Promise<Buffer> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await tools.run(access, job, signal);
    } catch (err) {
      const again = err instanceof TaskUpstreamError && err.retryable && attempt < SYNC_RETRIES;
      if (!again || signal.aborted) throw failure(err, access.slug);
      const backoff = 500 * 2 ** attempt * (0.75 + Math.random() * 0.5);
      const wait = Math.min(10_000, Math.max(backoff, err.retryAfterMs ?? 0));
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

async function answerTask(
  call: AiCall,
  task: ParsedTask,
  wait: boolean,
  provider: string,
): Promise<Response> {
  const origin = publicOrigin(call.req);
  if (!wait) return json(toTaskView(task, origin), { status: 202 });
  const done = await waitForTask(task.id, env.AI_TIMEOUT_MS);
  // Still running: the task goes on (it is the client's to poll), only the wait ended.
  if (!done) return json(toTaskView((await getTask(task.id))!, origin), { status: 202 });
  if (done.status === "completed") return json(await toolAnswer(call.req, done));
  const code = (done.errorData?.code ?? "upstream_error") as ErrorCode;
  throw new ApiError(
    code in ERROR_STATUS ? code : "upstream_error",
    done.errorData?.message ?? "处理失败",
    {
      provider,
    },
  );
}
