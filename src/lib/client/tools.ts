import type { ToolOperation } from "@/lib/operations/registry";
import type { ProjectView } from "@/lib/projects/schemas";
import type { TaskView } from "@/lib/tasks/views";
import type { PublicWorkflow } from "@/lib/workflows/catalog";
import type { WorkflowRunView } from "@/lib/workflows/views";
import { apiFetch, networkError, postJson, readError, requestJson } from "./http";

// The image tools, workflows and projects as the browser calls them (same-origin session, or the
// /mobile shell's transport).

export type { PublicWorkflow, ProjectView, TaskView, WorkflowRunView };

export type WorkflowLimits = {
  maxUploadBytes: number;
  maxUploadPixels: number;
  maxOutputPixels: number;
};

/** The picture to work on: a file from this device, or one of our own media URLs. */
export type Source = { kind: "file"; file: File } | { kind: "url"; url: string; label: string };

export type ToolAnswer = {
  created: number;
  data: { url?: string; assetId?: string }[];
  size?: string;
  output_format?: string;
  task_id: string;
};

export async function fetchWorkflows(): Promise<{
  items: PublicWorkflow[];
  limits: WorkflowLimits;
}> {
  return requestJson("/api/workflows", { cache: "no-store" });
}

function form(source: Source, fields: Record<string, string | number | undefined>): FormData {
  const body = new FormData();
  if (source.kind === "file") body.append("image", source.file, source.file.name);
  else body.append("image", source.url);
  for (const [k, v] of Object.entries(fields))
    if (v !== undefined && v !== "") body.append(k, String(v));
  return body;
}

async function postForm<T>(path: string, body: FormData, signal?: AbortSignal) {
  let res: Response;
  try {
    res = await apiFetch(path, { method: "POST", body, signal });
  } catch (err) {
    throw networkError(err);
  }
  if (!res.ok) throw await readError(res);
  return { status: res.status, body: (await res.json()) as T };
}

const PATHS: Record<ToolOperation, string> = {
  "image.upscale": "/api/ai/images/upscale",
  "image.outpaint": "/api/ai/images/outpaint",
  "image.background": "/api/ai/images/background",
};

/**
 * One tool call. A quick tool answers with the picture (200); a task-mode one with its task
 * (202), to be followed with fetchTask.
 */
export async function runTool(
  op: ToolOperation,
  source: Source,
  fields: Record<string, string | number | undefined>,
  background: File | null,
): Promise<{ kind: "done"; answer: ToolAnswer } | { kind: "task"; task: TaskView }> {
  const body = form(source, { ...fields, response_format: "url" });
  if (background) body.append("background", background, background.name);
  const res = await postForm<ToolAnswer | TaskView>(PATHS[op], body);
  return res.status === 202
    ? { kind: "task", task: res.body as TaskView }
    : { kind: "done", answer: res.body as ToolAnswer };
}

export async function runWorkflow(
  id: string,
  source: Source,
  fields: Record<string, string | number | undefined>,
): Promise<WorkflowRunView> {
  return (
    await postForm<WorkflowRunView>(
      `/api/workflows/${encodeURIComponent(id)}/run`,
      form(source, fields),
    )
  ).body;
}

export const fetchTask = <T extends TaskView = TaskView>(id: string) =>
  requestJson<T>(`/api/tasks/${encodeURIComponent(id)}`, { cache: "no-store" });

export const cancelTask = (id: string) =>
  postJson<TaskView>(`/api/tasks/${encodeURIComponent(id)}/cancel`, {});

export const publishTask = (id: string) =>
  postJson<TaskView>(`/api/tasks/${encodeURIComponent(id)}/publish`, {});

export const listProjects = () =>
  requestJson<{ items: ProjectView[] }>("/api/projects", { cache: "no-store" });

export const createProject = (name: string) =>
  postJson<{ item: ProjectView }>("/api/projects", { name });

export const renameProject = (id: string, name: string) =>
  requestJson<{ item: ProjectView }>(`/api/projects/${encodeURIComponent(id)}`, {
    method: "PATCH",
    body: JSON.stringify({ name }),
    headers: { "content-type": "application/json" },
  });

export const deleteProject = (id: string) =>
  requestJson<{ ok: true }>(`/api/projects/${encodeURIComponent(id)}`, { method: "DELETE" });

export const moveItems = (taskIds: string[], projectId: string | null) =>
  postJson<{ moved: number }>("/api/projects/move", { taskIds, projectId });

export type TaskPage = { items: TaskView[]; nextCursor: string | null };

/** The caller's finished generations; `project` = a project id, "none", or all when absent. */
export function listMyTasks(opts: { cursor?: string | null; project?: string; limit?: number }) {
  const q = new URLSearchParams({ status: "completed", limit: String(opts.limit ?? 24) });
  if (opts.cursor) q.set("cursor", opts.cursor);
  if (opts.project) {
    q.delete("status");
    q.set("project", opts.project);
  }
  return requestJson<TaskPage>(`/api/tasks?${q}`, { cache: "no-store" });
}

export type GalleryImage = { id: string; title: string; coverUrl: string; fullUrl: string };

export async function listGalleryImages(cursor?: string | null) {
  const q = new URLSearchParams({ type: "image", sort: "new", limit: "24" });
  if (cursor) q.set("cursor", cursor);
  return requestJson<{ items: GalleryImage[]; nextCursor: string | null }>(`/api/assets?${q}`, {
    cache: "no-store",
  });
}
