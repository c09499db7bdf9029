"use client";
import { useEffect, useRef, useState } from "react";
import { refreshBalance } from "@/lib/client/balance";
import { ClientApiError } from "@/lib/client/http";
import {
  cancelTask,
  fetchTask,
  runTool,
  runWorkflow,
  type Source,
  type TaskView,
  type WorkflowRunView,
} from "@/lib/client/tools";
import type { ToolOperation } from "@/lib/operations/registry";
import type { StepStatus } from "./RunStatus";

// One run of a tool or a workflow, followed to its end: quick tools answer at once, task-mode
// tools and workflows are polled (the run's steps carry their own status and progress).

export type RunResult = {
  taskId: string;
  url: string;
  width: number;
  height: number;
  assetId: string | null;
};

export type RunState =
  | { phase: "idle" }
  | { phase: "running"; taskId: string | null; steps: StepStatus[] }
  | { phase: "done"; steps: StepStatus[]; result: RunResult }
  | {
      phase: "failed";
      steps: StepStatus[];
      message: string;
      insufficient: boolean;
      kept: RunResult | null;
    };

const POLL_MS = 500;
const live = (status: string) => status === "queued" || status === "in_progress";

function stepsOf(view: TaskView | WorkflowRunView, label: string): StepStatus[] {
  if ("steps" in view)
    return view.steps.map((s) => ({
      label: s.label,
      status: s.status,
      progress: s.progress,
      held: s.credits.held,
      charged: s.credits.charged,
      error: s.error?.message ?? null,
    }));
  return [
    {
      label,
      status: view.status,
      progress: view.progress,
      held: view.credits.held,
      charged: view.credits.charged,
      error: view.error?.message ?? null,
    },
  ];
}

function resultOf(view: TaskView): RunResult | null {
  const out = view.outputs.find((o) => o.type === "image");
  if (!out) return null;
  return {
    taskId: view.id,
    url: out.url,
    width: out.width ?? 0,
    height: out.height ?? 0,
    assetId: out.assetId ?? null,
  };
}

export function useToolRun() {
  const [state, setState] = useState<RunState>({ phase: "idle" });
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  async function follow(view: TaskView | WorkflowRunView, label: string): Promise<boolean> {
    let current = view;
    while (alive.current && live(current.status)) {
      setState({ phase: "running", taskId: current.id, steps: stepsOf(current, label) });
      await new Promise((r) => setTimeout(r, POLL_MS));
      try {
        current = await fetchTask(current.id);
      } catch {
        // a blip: keep polling
      }
    }
    if (!alive.current) return false;
    const steps = stepsOf(current, label);
    const result = resultOf(current);
    if (current.status === "completed" && result) {
      setState({ phase: "done", steps, result });
      return true;
    }
    setState({
      phase: "failed",
      steps,
      message: current.error?.message ?? "处理没有完成",
      insufficient: false,
      kept: result,
    });
    return false;
  }

  async function run(
    target:
      | { kind: "tool"; op: ToolOperation; label: string }
      | { kind: "workflow"; id: string; label: string },
    source: Source,
    fields: Record<string, string | number | undefined>,
    background: File | null,
    requestId: string,
  ): Promise<boolean> {
    setState({
      phase: "running",
      taskId: null,
      steps: [
        {
          label: target.label,
          status: "in_progress",
          progress: 0,
          held: 0,
          charged: 0,
          error: null,
        },
      ],
    });
    try {
      if (target.kind === "workflow")
        return await follow(
          await runWorkflow(target.id, source, { ...fields, requestId }),
          target.label,
        );
      const res = await runTool(target.op, source, { ...fields, requestId }, background);
      if (res.kind === "task") return await follow(res.task, target.label);
      {
        const item = res.answer.data[0];
        const [w, h] = (res.answer.size ?? "0x0").split("x").map(Number);
        setState({
          phase: "done",
          steps: [
            {
              label: target.label,
              status: "completed",
              progress: 100,
              held: 0,
              charged: 0,
              error: null,
            },
          ],
          result: {
            taskId: res.answer.task_id,
            url: item?.url ?? "",
            width: w,
            height: h,
            assetId: item?.assetId ?? null,
          },
        });
        return true;
      }
    } catch (err) {
      const e =
        err instanceof ClientApiError ? err : new ClientApiError("请求失败，请重试", 0, "error");
      setState({
        phase: "failed",
        steps: [],
        message: e.message,
        insufficient: e.insufficientCredits,
        kept: null,
      });
      return false;
    } finally {
      void refreshBalance(true);
    }
  }

  async function cancel() {
    if (state.phase !== "running" || !state.taskId) return;
    await cancelTask(state.taskId).catch(() => undefined);
  }

  const markPublished = (assetId: string) =>
    setState((s) => (s.phase === "done" ? { ...s, result: { ...s.result, assetId } } : s));
  const reset = () => setState({ phase: "idle" });

  return { state, run, cancel, markPublished, reset };
}
