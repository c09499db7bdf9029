import "server-only";
import { accessSecrets, type ProviderAccess } from "../access";
import { scrubSecrets } from "../errors";
import { openAiCompatible } from "../openai-compatible";
import { aspectRatio } from "../replicate";
import { callProvider } from "../task-http";
import {
  type PollResult,
  type TaskAdapter,
  type TaskInput,
  TaskUpstreamError,
} from "../task-types";
import { createTaskUrl, recordInfoUrl, RETRYABLE_CODES } from "./api";

// A Kie-style task API: createTask → taskId; recordInfo → state waiting | queuing | generating |
// success | fail, results as a JSON string of resultUrls. Callbacks are unsigned, so the callback
// URL carries our own per-task token (checked by the webhook route); polling stays the fallback.
// There is no cancel endpoint: a cancel is ours alone (the refund never waits for the provider).

type Envelope = { code?: unknown; msg?: unknown; message?: unknown; data?: unknown };
type Record_ = {
  state?: unknown;
  resultJson?: unknown;
  failCode?: unknown;
  failMsg?: unknown;
  progress?: unknown;
  completeTime?: unknown;
};

/** Unwraps Kie's envelope; a non-200 `code` is an error, retryable when Kie says it is temporary. */
function unwrap(access: ProviderAccess, body: unknown): unknown {
  const env = (body ?? {}) as Envelope;
  const code = Number(env.code);
  if (code === 200) return env.data;
  const raw =
    typeof env.msg === "string" ? env.msg : typeof env.message === "string" ? env.message : "";
  const msg = scrubSecrets(raw, accessSecrets(access));
  throw new TaskUpstreamError(
    `上游服务 ${access.slug} 返回错误 ${Number.isFinite(code) ? code : "?"}${msg ? `：${msg}` : ""}`,
    RETRYABLE_CODES.has(code),
    null,
    Number.isFinite(code) ? code : null,
  );
}

/** Our task input as Kie job input (the names its market models share), as data. */
export function kieInput(input: TaskInput): Record<string, unknown> {
  const out: Record<string, unknown> = { prompt: input.prompt };
  const ratio = aspectRatio(input.params.size);
  if (ratio) out.aspect_ratio = ratio;
  if (input.kind === "video.generate" && input.params.seconds)
    out.duration = String(input.params.seconds);
  if (input.kind !== "video.generate" && input.params.n && input.params.n > 1)
    out.num_images = input.params.n;
  if (input.image)
    out.image_urls = [
      input.image.publicUrl ??
        `data:${input.image.mime};base64,${input.image.bytes.toString("base64")}`,
    ];
  return out;
}

export function parseRecord(
  access: ProviderAccess,
  r: Record_,
  kind: "video" | "image",
): PollResult {
  const progress = typeof r.progress === "number" ? Math.round(r.progress) : null;
  switch (r.state) {
    case "waiting":
    case "queuing":
      return { state: "queued", progress };
    case "success": {
      let urls: string[] = [];
      try {
        const parsed = JSON.parse(String(r.resultJson ?? "{}")) as { resultUrls?: unknown };
        if (Array.isArray(parsed.resultUrls))
          urls = parsed.resultUrls.filter((u): u is string => typeof u === "string");
      } catch {
        // not JSON: no results
      }
      if (!urls.length)
        return {
          state: "failed",
          error: { code: "upstream_error", message: "上游没有返回结果文件" },
        };
      const at = typeof r.completeTime === "number" ? new Date(r.completeTime) : null;
      return {
        state: "succeeded",
        completedAt: at,
        seconds: null,
        outputs: urls.map((url) => ({ type: kind, file: { url, auth: false }, thumbnail: null })),
      };
    }
    case "fail": {
      const msg = typeof r.failMsg === "string" && r.failMsg ? r.failMsg : "生成失败";
      return {
        state: "failed",
        error: { code: "upstream_error", message: scrubSecrets(msg, accessSecrets(access)) },
      };
    }
    default:
      return { state: "running", progress };
  }
}

export const kieTasks: TaskAdapter = {
  operations: ["video.generate", "image.generate", "image.edit"],
  remix: false,
  async submit(access, input, signal) {
    const body: Record<string, unknown> = { model: input.upstreamModel, input: kieInput(input) };
    if (input.webhookUrl) body.callBackUrl = input.webhookUrl;
    const data = unwrap(
      access,
      await callProvider(access, createTaskUrl(access.baseURL), { json: body, signal }),
    ) as { taskId?: unknown };
    if (typeof data?.taskId !== "string" || !data.taskId)
      throw new TaskUpstreamError(`上游服务 ${access.slug} 没有返回 taskId`, false);
    return data.taskId;
  },
  async poll(access, jobId, kind, signal) {
    const data = unwrap(
      access,
      await callProvider(access, recordInfoUrl(access.baseURL, jobId), { signal }),
    ) as Record_;
    return parseRecord(access, data ?? {}, kind === "video.generate" ? "video" : "image");
  },
};

export const kieAdapter = {
  ...openAiCompatible("kie"),
  tasks: kieTasks,
  testPath: "chat/credit",
};
