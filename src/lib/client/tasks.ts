import { apiFetch, networkError, postJson, readError, requestJson } from "./http";

// The user's generations (GET /api/tasks, contract §8) and what can be done with them: poll,
// cancel, delete, publish later; and submitting a video.

export type TaskOutputView = {
  url: string;
  type: "video" | "image";
  width?: number;
  height?: number;
  durationSec?: number;
  thumbnailUrl?: string;
  assetId?: string;
};

export type TaskView = {
  id: string;
  kind: string;
  model: string;
  status: "queued" | "in_progress" | "completed" | "failed" | "cancelled";
  progress: number;
  input: { prompt: string; params: Record<string, unknown>; media: string[] };
  outputs: TaskOutputView[];
  credits: { held: number; charged: number };
  error: { code: string; message: string } | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

export const isLiveTask = (t: Pick<TaskView, "status">) =>
  t.status === "queued" || t.status === "in_progress";

export type TaskPage = { items: TaskView[]; nextCursor: string | null };

export function listTasks(cursor?: string | null, limit = 12): Promise<TaskPage> {
  const q = new URLSearchParams({ limit: String(limit) });
  if (cursor) q.set("cursor", cursor);
  return requestJson<TaskPage>(`/api/tasks?${q}`, { cache: "no-store" });
}

export const getTask = (id: string) =>
  requestJson<TaskView>(`/api/tasks/${encodeURIComponent(id)}`, { cache: "no-store" });

export const cancelTask = (id: string) =>
  postJson<TaskView>(`/api/tasks/${encodeURIComponent(id)}/cancel`, {});

export const deleteTask = (id: string) =>
  requestJson<{ deleted: boolean }>(`/api/tasks/${encodeURIComponent(id)}`, { method: "DELETE" });

export type PublishInput = { output: number; title?: string; tags: string[]; showPrompt: boolean };

/** Publishes one output; the task answers with that output's `assetId` set. */
export const publishTask = (id: string, input: PublishInput) =>
  postJson<TaskView>(`/api/tasks/${encodeURIComponent(id)}/publish`, input);

export type VideoInput = {
  model: string;
  prompt: string;
  seconds: number;
  size: string;
  requestId: string;
  reference?: File | null;
};

/** POST /api/ai/videos (multipart, so a reference image can ride along); the task id. */
export async function createVideo(input: VideoInput): Promise<string> {
  const form = new FormData();
  form.append("model", input.model);
  form.append("prompt", input.prompt);
  form.append("seconds", String(input.seconds));
  form.append("size", input.size);
  form.append("requestId", input.requestId);
  if (input.reference) form.append("input_reference", input.reference, input.reference.name);
  let res: Response;
  try {
    res = await apiFetch("/api/ai/videos", { method: "POST", body: form });
  } catch (err) {
    throw networkError(err);
  }
  if (!res.ok) throw await readError(res);
  return ((await res.json()) as { id: string }).id;
}
