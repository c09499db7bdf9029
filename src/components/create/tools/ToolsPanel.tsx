"use client";
import { useEffect, useId, useMemo, useState } from "react";
import { useBalance } from "@/lib/client/balance";
import { newRequestId } from "@/lib/client/http";
import type { CatalogModel } from "@/lib/client/models";
import {
  fetchWorkflows,
  type PublicWorkflow,
  type Source,
  type WorkflowLimits,
} from "@/lib/client/tools";
import { planTool, type Size } from "@/lib/operations/tools/plan";
import { toolQuote } from "@/lib/pricing/tools";
import { planChain, quoteStep } from "@/lib/workflows/chain";
import type { CallRecord } from "../CallSummary";
import { ErrorNotice, InsufficientNotice } from "../CostNotice";
import { ModelPicker } from "../ModelPicker";
import { useModelChoice } from "../useModelChoice";
import { BeforeAfter } from "./BeforeAfter";
import { CanvasPreview } from "./CanvasPreview";
import { type Choice, ChoiceList, TOOLS } from "./ChoiceList";
import {
  INITIAL_TOOL_STATE,
  originalRect,
  requestFields,
  type ToolState,
  toolRequest,
} from "./params";
import { type PriceGroup, PriceBreakdown } from "./PriceBreakdown";
import { ResultActions } from "./ResultActions";
import { RunStatus } from "./RunStatus";
import { SourcePicker } from "./SourcePicker";
import { ToolParamsForm } from "./ToolParamsForm";
import { useToolRun } from "./useToolRun";

// 图片工具: pick a tool or a one-click workflow, give it a picture (upload, one of my generations,
// a gallery work), see the output's exact size and the price with its breakdown — computed by
// the same pure functions the server uses —, run it with progress per step, compare before and
// after, then download, publish or file the result in a project.

type Props = {
  models: CatalogModel[];
  modelsState: "loading" | "error" | "ready";
  onRetryModels: () => void;
  onCall: (record: CallRecord) => void;
};

const DEFAULT_LIMITS: WorkflowLimits = {
  maxUploadBytes: 10 * 1024 * 1024,
  maxUploadPixels: 4096 * 4096,
  maxOutputPixels: 16 * 4096 * 4096,
};

/** The picture's display URL and its real size, measured in the browser. */
function useSourceImage(source: Source | null) {
  const src = useMemo(
    () => (!source ? null : source.kind === "file" ? URL.createObjectURL(source.file) : source.url),
    [source],
  );
  const [measured, setMeasured] = useState<{ src: string; size: Size | "broken" } | null>(null);
  useEffect(() => {
    if (!src) return;
    let cancelled = false;
    const img = new Image();
    img.onload = () => {
      if (!cancelled)
        setMeasured({ src, size: { width: img.naturalWidth, height: img.naturalHeight } });
    };
    // A file with an image's first bytes that the browser cannot decode (damaged, cut short).
    img.onerror = () => {
      if (!cancelled) setMeasured({ src, size: "broken" });
    };
    img.src = src;
    return () => {
      cancelled = true;
      if (src.startsWith("blob:")) URL.revokeObjectURL(src);
    };
  }, [src]);
  if (!src) return null;
  const size = measured?.src === src ? measured.size : null;
  return { src, size: size === "broken" ? null : size, broken: size === "broken" };
}

export function ToolsPanel({ models, modelsState, onRetryModels, onCall }: Props) {
  const id = useId();
  const [choice, setChoice] = useState<Choice>({ kind: "tool", op: "image.upscale" });
  const [workflows, setWorkflows] = useState<PublicWorkflow[]>([]);
  const [limits, setLimits] = useState<WorkflowLimits>(DEFAULT_LIMITS);
  const [workflowsState, setWorkflowsState] = useState<"loading" | "error" | "ready">("loading");
  const [source, setSource] = useState<Source | null>(null);
  const [params, setParams] = useState<ToolState>(INITIAL_TOOL_STATE);
  const picture = useSourceImage(source);
  const { credits } = useBalance();
  const runner = useToolRun();

  const upscale = useModelChoice("image.upscale", models);
  const outpaint = useModelChoice("image.outpaint", models);
  const background = useModelChoice("image.background", models);
  const choices = {
    "image.upscale": upscale,
    "image.outpaint": outpaint,
    "image.background": background,
  };

  useEffect(() => {
    fetchWorkflows().then(
      (r) => {
        setWorkflows(r.items);
        setLimits(r.limits);
        setWorkflowsState("ready");
      },
      () => setWorkflowsState("error"),
    );
  }, []);

  const workflow =
    choice.kind === "workflow" ? workflows.find((w) => w.id === choice.id) : undefined;
  const tool = choice.kind === "tool" ? choices[choice.op] : null;
  const size = picture?.size ?? null;

  // What the run will make and cost, worked out as the server will.
  const plan = useMemo(() => {
    if (!size) return null;
    // The server refuses a source over UPLOAD_MAX_PIXELS; say so before anything is sent.
    if (size.width * size.height > limits.maxUploadPixels)
      return {
        error: `原图 ${size.width}×${size.height} 超过 ${(limits.maxUploadPixels / 1e6).toFixed(1)} 百万像素的上限，请换一张较小的图片`,
      };
    if (choice.kind === "tool") {
      const req = toolRequest(choice.op, params);
      const planned = planTool(req, size, limits.maxOutputPixels);
      if ("error" in planned) return { error: planned.error.message };
      const spec = planned.spec;
      const steps = [{ spec, input: size, output: planned.output }];
      const model = tool?.model ?? null;
      const quote = model
        ? toolQuote(model.pricing, choice.op, {
            ...planned.output,
            scale: spec.op === "image.upscale" ? spec.scale : null,
            creativity: spec.op === "image.outpaint" ? spec.creativity : null,
            mode: spec.op === "image.background" ? spec.mode : null,
          })
        : null;
      const groups: PriceGroup[] = quote
        ? [
            {
              title: TOOLS.find((t) => t.op === choice.op)!.name,
              model: model!.displayName,
              credits: quote.credits,
              lines: quote.lines,
            },
          ]
        : [];
      return {
        output: planned.output,
        rect: originalRect(steps),
        groups,
        total: quote?.credits ?? null,
        fields: requestFields(req),
      };
    }
    if (!workflow) return null;
    const chain = planChain(workflow.steps, size, limits.maxOutputPixels);
    if ("error" in chain) return { error: `第 ${chain.error.step + 1} 步：${chain.error.message}` };
    const missing = workflow.steps.findIndex((s) => !s.resolvedModel);
    if (missing >= 0) return { error: `第 ${missing + 1} 步没有可用的模型` };
    const groups = chain.steps.map((s) => {
      const m = workflow.steps[s.index].resolvedModel!;
      const q = quoteStep(s, m.pricing);
      return { title: s.label, model: m.displayName, credits: q.credits, lines: q.lines };
    });
    const last = chain.steps[chain.steps.length - 1];
    return {
      output: last.output,
      rect: originalRect(chain.steps),
      groups,
      total: groups.reduce((n, g) => n + g.credits, 0),
      fields: {},
    };
  }, [size, choice, params, limits, tool?.model, workflow]);

  const planError = picture?.broken
    ? "无法读取这张图片，文件可能已损坏，请换一张"
    : plan && "error" in plan
      ? plan.error
      : null;
  const ready = plan && !("error" in plan) ? plan : null;
  const short = ready?.total != null && credits !== null && ready.total > credits;
  const running = runner.state.phase === "running";
  const needsBackdrop =
    choice.kind === "tool" &&
    choice.op === "image.background" &&
    params.background.mode === "replace" &&
    params.background.with === "image";
  const canRun =
    !!source &&
    !!ready &&
    !running &&
    !short &&
    (choice.kind === "workflow" || !!tool?.model) &&
    (!needsBackdrop || !!params.background.image);
  const label =
    choice.kind === "tool"
      ? TOOLS.find((t) => t.op === choice.op)!.name
      : (workflow?.name ?? "工作流");
  // What the button says it will do ("开始背景" would not be Chinese).
  const action =
    choice.kind === "workflow"
      ? `一键${label}`
      : choice.op === "image.background"
        ? params.background.mode === "remove"
          ? "移除背景"
          : "替换背景"
        : `开始${label}`;

  async function start() {
    if (!canRun || !source || !ready) return;
    const requestId = newRequestId();
    const started = performance.now();
    if (choice.kind === "workflow") {
      await runner.run({ kind: "workflow", id: choice.id, label }, source, {}, null, requestId);
      return;
    }
    const model = tool!.model!;
    const ok = await runner.run(
      { kind: "tool", op: choice.op, label },
      source,
      { ...ready.fields, model: model.slug },
      needsBackdrop ? params.background.image : null,
      requestId,
    );
    // A tool's price is exact (its output size is), so the charge is the price shown.
    onCall({
      model: model.slug,
      modelName: model.displayName,
      operation: choice.op,
      credits: ok ? ready.total : 0,
      latencyMs: performance.now() - started,
      outcome: ok ? "success" : "failed",
    });
  }

  const state = runner.state;
  const result =
    state.phase === "done" ? state.result : state.phase === "failed" ? state.kept : null;
  const noticeId = `${id}-notice`;

  return (
    <div className="flex flex-col gap-5">
      <ChoiceList
        name={`${id}-choice`}
        value={choice}
        onChange={(c) => {
          setChoice(c);
          if (!running) runner.reset();
        }}
        workflows={workflows}
        workflowsState={workflowsState}
      />
      {workflow ? <p className="-mt-2 text-sm text-neutral-600">{workflow.description}</p> : null}
      <div className="grid gap-5 lg:grid-cols-2">
        <div className="flex flex-col gap-4">
          <SourcePicker
            source={source}
            onChange={(s) => {
              setSource(s);
              if (!running) runner.reset();
            }}
          />
          {choice.kind === "tool" && tool ? (
            <>
              <ModelPicker
                models={tool.offered}
                capability={choice.op}
                value={tool.model?.slug ?? null}
                onChange={tool.choose}
                state={modelsState}
                onRetry={onRetryModels}
              />
              <ToolParamsForm op={choice.op} state={params} onChange={setParams} />
            </>
          ) : null}
        </div>
        <div className="flex flex-col gap-4">
          {picture && ready ? (
            <CanvasPreview src={picture.src} input={size} output={ready.output} rect={ready.rect} />
          ) : null}
          {!source ? (
            <p className="flex min-h-32 items-center justify-center rounded-lg border border-dashed border-neutral-300 px-4 text-center text-sm text-neutral-500">
              选择一张图片后，这里会显示输出尺寸和价格。
            </p>
          ) : null}
          {planError ? (
            <p role="alert" className="rounded-lg border border-neutral-900 px-3 py-2 text-sm">
              {planError}
            </p>
          ) : null}
          {ready ? (
            <PriceBreakdown groups={ready.groups} total={ready.total ?? 0} credits={credits} />
          ) : null}
          {short ? (
            <InsufficientNotice id={noticeId} estimate={ready?.total} credits={credits} />
          ) : null}
          <button
            type="button"
            onClick={() => void start()}
            disabled={!canRun}
            aria-describedby={short ? noticeId : undefined}
            className="min-h-11 rounded-lg bg-neutral-900 px-5 text-sm font-medium text-white disabled:cursor-not-allowed disabled:bg-neutral-300"
          >
            {running ? "处理中…" : action}
          </button>
        </div>
      </div>

      {state.phase !== "idle" ? (
        <section
          aria-label="处理结果"
          className="flex flex-col gap-4 border-t border-neutral-200 pt-4"
        >
          <RunStatus
            steps={state.steps}
            busy={running}
            onCancel={
              choice.kind === "workflow" || state.phase === "running"
                ? () => void runner.cancel()
                : undefined
            }
          />
          {state.phase === "failed" ? (
            state.insufficient ? (
              <InsufficientNotice id={`${id}-402`} serverMessage={state.message} />
            ) : (
              <ErrorNotice
                message={
                  state.kept ? `${state.message}（已完成步骤的结果保留在下方）` : state.message
                }
                onDismiss={runner.reset}
              />
            )
          ) : null}
          {result && picture ? (
            <>
              <BeforeAfter
                before={picture.src}
                after={result.url}
                size={{
                  width: result.width || ready?.output.width || 1,
                  height: result.height || ready?.output.height || 1,
                }}
                rect={state.phase === "done" && ready ? ready.rect : { x: 0, y: 0, w: 1, h: 1 }}
              />
              <ResultActions
                taskId={result.taskId}
                url={result.url}
                assetId={result.assetId}
                onPublished={runner.markPublished}
              />
            </>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
