import type { TaskRow, TaskStatus } from "@/lib/db/schema";
import type { OutputFormat, ToolSpec } from "@/lib/operations/tools/plan";

// What a task row's JSON columns hold, and the state machine's one rule: status only moves
// forward, queued → in_progress → completed | failed | cancelled, and a terminal status is final.

export const LIVE_STATUSES = ["queued", "in_progress"] as const satisfies TaskStatus[];
export const TERMINAL_STATUSES = [
  "completed",
  "failed",
  "cancelled",
] as const satisfies TaskStatus[];
export const TASK_STATUSES = [...LIVE_STATUSES, ...TERMINAL_STATUSES] as const;

/** The kind of a workflow's own task: its steps are child tasks (`parentId`). */
export const WORKFLOW_KIND = "workflow";

export const isLive = (status: string) => (LIVE_STATUSES as readonly string[]).includes(status);

const ORDER: Record<TaskStatus, number> = {
  queued: 0,
  in_progress: 1,
  completed: 2,
  failed: 2,
  cancelled: 2,
};

/** True when `from → to` is a forward move (terminal states never change). */
export function canMove(from: TaskStatus, to: TaskStatus): boolean {
  return isLive(from) && ORDER[to] > ORDER[from];
}

export type TaskParams = {
  seconds?: number;
  size?: string;
  n?: number;
  quality?: string;
  persist?: boolean;
  title?: string;
  tags?: string[];
  /** An image tool call (or workflow step): what it does and exactly what it makes. */
  tool?: ToolCall;
  /** A workflow step's name as its workflow calls it ("移除背景"). */
  label?: string;
};

/** The resolved tool call a task carries: the spec, and the output's exact size and format. */
export type ToolCall = {
  spec: ToolSpec;
  output: { width: number; height: number; format: OutputFormat };
};

/** A stored input file (the reference image of image→video, an edit's source). */
export type TaskMedia = {
  key: string;
  mime: string;
  width: number;
  height: number;
  /** "background": the backdrop of a background replacement (the first image is the source). */
  role?: "background";
};

export type TaskInputData = {
  prompt: string;
  params: TaskParams;
  media: TaskMedia[];
  /** For a replay of a synchronous answer: what the client was told (images). */
  /** How the image call asked to be answered ("both" when it named no response_format). */
  reply?: { created: number; format: "url" | "b64_json" | "both" };
};

export type TaskOutput = {
  key: string;
  type: "video" | "image";
  contentType: string;
  bytes: number;
  width: number | null;
  height: number | null;
  durationSec: number | null;
  thumbnailKey: string | null;
  revisedPrompt?: string | null;
  assetId?: string | null;
};

export type TaskError = { code: string; message: string };

/** The price snapshot taken at submit: the kind's pricing entry and the rounding. */
export type TaskPrice = { pricing: Record<string, unknown>; rounding: string };

const parse = <T>(raw: string | null, fallback: T): T => {
  if (!raw) return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
};

export type ParsedTask = TaskRow & {
  inputData: TaskInputData;
  outputList: TaskOutput[];
  errorData: TaskError | null;
};

export function parseTask(row: TaskRow): ParsedTask {
  return {
    ...row,
    inputData: parse<TaskInputData>(row.input, { prompt: "", params: {}, media: [] }),
    outputList: parse<TaskOutput[]>(row.outputs, []),
    errorData: parse<TaskError | null>(row.error, null),
  };
}
