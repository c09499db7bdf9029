import "server-only";
import type { ProviderAccess } from "../access";
import { scrubSecrets } from "../errors";
import { callProvider } from "../task-http";
import {
  type PollResult,
  type TaskAdapter,
  type TaskInput,
  TaskUpstreamError,
} from "../task-types";
import { accessSecrets } from "../access";
import { joinUrl } from "./index";

// The OpenAI Videos API as an upstream (contract §8's own wire), so this gateway can sit in front
// of OpenAI or another /v1/videos gateway: POST /videos (multipart), GET /videos/{id},
// GET /videos/{id}/content[?variant=thumbnail], POST /videos/{id}/remix, DELETE /videos/{id}.

type VideoObject = {
  id?: unknown;
  status?: unknown;
  progress?: unknown;
  completed_at?: unknown;
  seconds?: unknown;
  error?: { code?: unknown; message?: unknown } | null;
};

const jobUrl = (access: ProviderAccess, jobId: string, tail = "") =>
  joinUrl(access.baseURL, `videos/${encodeURIComponent(jobId)}${tail}`);

function jobIdOf(access: ProviderAccess, body: unknown): string {
  const id = (body as VideoObject)?.id;
  if (typeof id !== "string" || !id)
    throw new TaskUpstreamError(`上游服务 ${access.slug} 没有返回视频任务 id`, false);
  return id;
}

async function submit(access: ProviderAccess, input: TaskInput, signal: AbortSignal) {
  if (input.remixOfJobId) {
    const body = await callProvider(access, jobUrl(access, input.remixOfJobId, "/remix"), {
      json: { prompt: input.prompt },
      signal,
    });
    return jobIdOf(access, body);
  }
  const form = new FormData();
  form.set("model", input.upstreamModel);
  form.set("prompt", input.prompt);
  if (input.params.seconds) form.set("seconds", String(input.params.seconds));
  if (input.params.size) form.set("size", input.params.size);
  if (input.image)
    form.set(
      "input_reference",
      new Blob([new Uint8Array(input.image.bytes)], { type: input.image.mime }),
      input.image.filename,
    );
  const body = await callProvider(access, joinUrl(access.baseURL, "videos"), { form, signal });
  return jobIdOf(access, body);
}

export function parseVideoObject(
  access: ProviderAccess,
  jobId: string,
  v: VideoObject,
): PollResult {
  const progress = typeof v.progress === "number" ? v.progress : null;
  switch (v.status) {
    case "queued":
      return { state: "queued", progress };
    case "completed": {
      const at = typeof v.completed_at === "number" ? new Date(v.completed_at * 1000) : null;
      const seconds = Number(v.seconds);
      return {
        state: "succeeded",
        completedAt: at,
        seconds: Number.isFinite(seconds) && seconds > 0 ? seconds : null,
        outputs: [
          {
            type: "video",
            file: { url: jobUrl(access, jobId, "/content"), auth: true },
            thumbnail: { url: jobUrl(access, jobId, "/content?variant=thumbnail"), auth: true },
          },
        ],
      };
    }
    case "failed": {
      const secrets = accessSecrets(access);
      const code = typeof v.error?.code === "string" ? v.error.code.slice(0, 64) : "upstream_error";
      const message =
        typeof v.error?.message === "string" ? scrubSecrets(v.error.message, secrets) : "生成失败";
      return { state: "failed", error: { code, message } };
    }
    default:
      return { state: "running", progress };
  }
}

export const openAiVideoTasks: TaskAdapter = {
  operations: ["video.generate"],
  remix: true,
  submit,
  async poll(access, jobId, _kind, signal) {
    const body = (await callProvider(access, jobUrl(access, jobId), { signal })) as VideoObject;
    return parseVideoObject(access, jobId, body ?? {});
  },
  async cancel(access, jobId) {
    // OpenAI has no cancel; deleting the job is the closest thing, and may be refused while it
    // runs. Best effort either way.
    await callProvider(access, jobUrl(access, jobId), { method: "DELETE" }).catch(() => undefined);
  },
};
