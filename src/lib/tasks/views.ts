import "server-only";
import { storage } from "@/lib/storage";
import type { ParsedTask } from "./model";

// What a task looks like in answers: the Task object of /api/tasks and the OpenAI video object
// of /v1/videos (contract §8). Neither ever carries the provider's job id or its URLs.

export type TaskView = {
  id: string;
  kind: string;
  model: string;
  status: string;
  progress: number;
  input: { prompt: string; params: Record<string, unknown>; media: string[] };
  outputs: {
    url: string;
    type: "video" | "image";
    width?: number;
    height?: number;
    durationSec?: number;
    thumbnailUrl?: string;
    /** The gallery work it was published as. */
    assetId?: string;
  }[];
  credits: { held: number; charged: number };
  error: { code: string; message: string } | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** A workflow step: its workflow's task and its place (0-based). */
  parentId: string | null;
  stepIndex: number | null;
  /** The project it is filed in. */
  projectId: string | null;
};

export function toTaskView(task: ParsedTask, origin: string): TaskView {
  const url = (key: string) => `${origin}${storage.url(key)}`;
  const { persist, title, tags, tool, label, ...rest } = task.inputData.params;
  void title;
  void tags;
  // A tool's parameters as the client gave them: what it does and the exact size it makes.
  const params: Record<string, unknown> = { ...rest };
  if (tool) {
    const { op: _op, ...spec } = tool.spec;
    Object.assign(params, spec, { output: tool.output });
  }
  if (label) params.label = label;
  return {
    id: task.id,
    kind: task.kind,
    model: task.modelSlug,
    status: task.status,
    progress: task.progress,
    input: {
      prompt: task.inputData.prompt,
      params: { ...params, ...(persist ? { persist } : {}) },
      media: task.inputData.media.map((m) => url(m.key)),
    },
    outputs: task.outputList.map((o) => ({
      url: url(o.key),
      type: o.type,
      ...(o.width ? { width: o.width } : {}),
      ...(o.height ? { height: o.height } : {}),
      ...(o.durationSec ? { durationSec: o.durationSec } : {}),
      ...(o.thumbnailKey ? { thumbnailUrl: url(o.thumbnailKey) } : {}),
      ...(o.assetId ? { assetId: o.assetId } : {}),
    })),
    credits: { held: task.creditsHeld, charged: task.creditsCharged },
    error: task.errorData,
    createdAt: task.createdAt,
    startedAt: task.startedAt,
    finishedAt: task.finishedAt,
    parentId: task.parentId,
    stepIndex: task.stepIndex,
    projectId: task.projectId,
  };
}

const unix = (iso: string | null) => (iso ? Math.floor(Date.parse(iso) / 1000) : null);

/** The OpenAI video object; a cancelled task reads as failed with error code "cancelled". */
export function toVideoObject(task: ParsedTask) {
  const status =
    task.status === "cancelled"
      ? "failed"
      : (task.status as "queued" | "in_progress" | "completed" | "failed");
  const error =
    task.status === "cancelled"
      ? (task.errorData ?? { code: "cancelled", message: "任务已取消，积分已退还" })
      : task.status === "failed"
        ? (task.errorData ?? { code: "upstream_error", message: "生成失败" })
        : null;
  return {
    id: task.id,
    object: "video" as const,
    model: task.modelSlug,
    status,
    progress: task.progress,
    created_at: unix(task.createdAt)!,
    completed_at: task.status === "completed" ? unix(task.finishedAt) : null,
    expires_at: null,
    prompt: task.inputData.prompt,
    seconds: String(task.inputData.params.seconds ?? 4),
    size: task.inputData.params.size ?? "720x1280",
    remixed_from_video_id: task.remixOf,
    error,
  };
}
