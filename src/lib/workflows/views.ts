import "server-only";
import { childTasks } from "@/lib/tasks/children";
import { type ParsedTask, WORKFLOW_KIND } from "@/lib/tasks/model";
import { toTaskView, type TaskView } from "@/lib/tasks/views";

// A workflow run as the API shows it: its own task plus each step (a child task) with its status,
// progress, output and credits, so a page can show progress per step. The run's progress is
// worked out from its steps, so it moves while a step runs.

export type WorkflowStepView = {
  id: string;
  index: number;
  kind: string;
  label: string;
  model: string;
  status: string;
  progress: number;
  outputs: TaskView["outputs"];
  credits: TaskView["credits"];
  error: TaskView["error"];
  startedAt: string | null;
  finishedAt: string | null;
};

export type WorkflowRunView = TaskView & {
  workflow: { id: string; slug: string; name: string };
  steps: WorkflowStepView[];
};

export function stepView(step: ParsedTask, origin: string): WorkflowStepView {
  const v = toTaskView(step, origin);
  return {
    id: v.id,
    index: step.stepIndex ?? 0,
    kind: v.kind,
    label: step.inputData.params.label ?? v.kind,
    model: v.model,
    status: v.status,
    progress: v.progress,
    outputs: v.outputs,
    credits: v.credits,
    error: v.error,
    startedAt: v.startedAt,
    finishedAt: v.finishedAt,
  };
}

export async function workflowRunView(task: ParsedTask, origin: string): Promise<WorkflowRunView> {
  const base = toTaskView(task, origin);
  const steps = (await childTasks(task.id)).map((s) => stepView(s, origin));
  const done = steps.filter((s) => s.status === "completed").length;
  const current = steps.find((s) => s.status === "in_progress" || s.status === "queued");
  const live = task.status === "queued" || task.status === "in_progress";
  const progress =
    live && steps.length
      ? Math.min(99, Math.round(((done + (current?.progress ?? 0) / 100) / steps.length) * 100))
      : base.progress;
  return {
    ...base,
    progress: Math.max(base.progress, progress),
    credits: {
      held: base.credits.held,
      charged: steps.reduce((n, s) => n + s.credits.charged, 0),
    },
    workflow: {
      id: task.upstreamModel,
      slug: task.modelSlug,
      name: task.inputData.params.label ?? task.inputData.prompt,
    },
    steps,
  };
}

/** The Task object of /api/tasks/{id}: a workflow run carries its steps. */
export async function taskDetailView(task: ParsedTask, origin: string) {
  return task.kind === WORKFLOW_KIND ? workflowRunView(task, origin) : toTaskView(task, origin);
}
