import "server-only";
import { sharp } from "@/lib/media/sharp";
import type { ToolSpec } from "@/lib/operations/tools/plan";
import type { ProviderAccess } from "../access";
import { openAiCompatible } from "../openai-compatible";
import {
  type PollResult,
  type TaskAdapter,
  type TaskInput,
  TaskUpstreamError,
} from "../task-types";
import type { ToolAdapter, ToolJob } from "../tool-types";
import { type Endpoint, ENDPOINTS, endpointUrl, resultUrl, UPSCALE_PROMPT } from "./api";
import { pictureOf, stabilityCall } from "./http";

// Stability AI's v2beta image tools. The model's upstream name picks the endpoint; synchronous
// endpoints (upscale fast/conservative, outpaint, remove-background, search-and-replace) answer
// the picture at once, asynchronous ones (upscale creative, replace-background-and-relight)
// answer a job id polled at /v2beta/results/{id} — so one catalogue model can be "sync" for one
// call and a task for another (a background replaced by a picture needs the relight job).
// A background replaced by a plain colour is Stability's cut-out composited onto the colour here.

type Call = { op: ToolJob["op"]; upstreamModel: string; spec: ToolSpec };

/** Which endpoint serves this call. */
export function endpointFor(call: Call): Endpoint {
  const { spec, upstreamModel } = call;
  if (spec.op === "image.upscale")
    return upstreamModel.startsWith("upscale/") && upstreamModel in ENDPOINTS
      ? (upstreamModel as Endpoint)
      : "upscale/fast";
  if (spec.op === "image.outpaint") return "edit/outpaint";
  if (spec.mode === "remove" || spec.color) return "edit/remove-background";
  if (spec.prompt && upstreamModel === "edit/search-and-replace") return "edit/search-and-replace";
  return "edit/replace-background-and-relight";
}

type Picture = { bytes: Buffer; mime: string };

const blob = (p: Picture) => new Blob([new Uint8Array(p.bytes)], { type: p.mime });
const ext = (mime: string) => (mime === "image/jpeg" ? "jpg" : mime.split("/")[1] || "png");

/** The multipart body of one call, as Stability names its fields. */
export function formFor(
  endpoint: Endpoint,
  spec: ToolSpec,
  format: string,
  image: Picture,
  background: Picture | null,
): FormData {
  const form = new FormData();
  const field = endpoint === "edit/replace-background-and-relight" ? "subject_image" : "image";
  form.set(field, blob(image), `image.${ext(image.mime)}`);
  // Transparency needs PNG or WebP; a cut-out composited here comes back as PNG.
  form.set(
    "output_format",
    endpoint === "edit/remove-background" && format === "jpeg" ? "png" : format,
  );
  if (endpoint === "upscale/conservative" || endpoint === "upscale/creative")
    form.set("prompt", UPSCALE_PROMPT);
  if (spec.op === "image.outpaint") {
    for (const side of ["left", "right", "up", "down"] as const)
      if (spec[side]) form.set(side, String(spec[side]));
    form.set("creativity", String(spec.creativity));
    if (spec.prompt) form.set("prompt", spec.prompt);
  }
  if (spec.op === "image.background" && endpoint === "edit/search-and-replace") {
    form.set("search_prompt", "background");
    form.set("prompt", spec.prompt ?? "");
  }
  if (spec.op === "image.background" && endpoint === "edit/replace-background-and-relight") {
    if (background)
      form.set("background_reference", blob(background), `background.${ext(background.mime)}`);
    else form.set("background_prompt", spec.prompt ?? "");
  }
  return form;
}

async function onColour(cutout: Buffer, color: string): Promise<Buffer> {
  const meta = await sharp(cutout).metadata();
  const base = sharp({
    create: { width: meta.width!, height: meta.height!, channels: 3, background: color },
  });
  return base
    .composite([{ input: cutout }])
    .png()
    .toBuffer();
}

export const stabilityTools: ToolAdapter = {
  operations: ["image.upscale", "image.outpaint", "image.background"],
  mode: (call) => (ENDPOINTS[endpointFor(call)].async ? "task" : "sync"),
  async run(access, job, signal) {
    const endpoint = endpointFor(job);
    const form = formFor(endpoint, job.spec, job.output.format, job.image, job.background);
    const answer = await stabilityCall(access, endpointUrl(access.baseURL, endpoint), {
      form,
      signal,
    });
    const picture = pictureOf(access, answer);
    if (job.spec.op === "image.background" && job.spec.mode === "replace" && job.spec.color)
      return onColour(picture, job.spec.color);
    return picture;
  },
};

function jobIdOf(access: ProviderAccess, bytes: Buffer): string {
  try {
    const body = JSON.parse(bytes.toString("utf8")) as { id?: unknown };
    if (typeof body.id === "string" && /^[A-Za-z0-9_-]{1,200}$/.test(body.id)) return body.id;
  } catch {
    // not JSON
  }
  throw new TaskUpstreamError(`上游服务 ${access.slug} 没有返回任务 id`, false);
}

function picture(img: NonNullable<TaskInput["image"]>): Picture {
  return { bytes: img.bytes, mime: img.mime };
}

export const stabilityTasks: TaskAdapter = {
  operations: ["image.upscale", "image.background"],
  remix: false,
  async submit(access, input, signal) {
    if (!input.tool || !input.image)
      throw new TaskUpstreamError("Stability 任务缺少图片或工具参数", false);
    const endpoint = endpointFor({
      op: input.kind as ToolJob["op"],
      upstreamModel: input.upstreamModel,
      spec: input.tool.spec,
    });
    if (!ENDPOINTS[endpoint].async)
      throw new TaskUpstreamError(`${endpoint} 是同步接口，不能作为任务提交`, false);
    const form = formFor(
      endpoint,
      input.tool.spec,
      input.tool.output.format,
      picture(input.image),
      input.background ? picture(input.background) : null,
    );
    const answer = await stabilityCall(access, endpointUrl(access.baseURL, endpoint), {
      form,
      accept: "application/json",
      signal,
    });
    return jobIdOf(access, answer.bytes);
  },
  async poll(access, jobId, _kind, signal): Promise<PollResult> {
    const answer = await stabilityCall(access, resultUrl(access.baseURL, jobId), {
      accept: "application/json",
      signal,
    });
    if (answer.status === 202) return { state: "running", progress: null };
    let body: { image?: unknown; finish_reason?: unknown };
    try {
      body = JSON.parse(answer.bytes.toString("utf8")) as typeof body;
    } catch {
      return {
        state: "failed",
        error: { code: "upstream_error", message: "上游返回了无法解析的结果" },
      };
    }
    if (body.finish_reason === "CONTENT_FILTERED")
      return {
        state: "failed",
        error: { code: "moderation_blocked", message: "上游的内容审核拦截了结果" },
      };
    if (typeof body.image !== "string" || !body.image)
      return { state: "failed", error: { code: "upstream_error", message: "上游没有返回图片" } };
    // The picture comes inline; a data: URL hands it to the result store without a download.
    return {
      state: "succeeded",
      completedAt: null,
      seconds: null,
      outputs: [
        {
          type: "image",
          file: { url: `data:application/octet-stream;base64,${body.image}`, auth: false },
          thumbnail: null,
        },
      ],
    };
  },
};

export const stabilityAdapter = {
  ...openAiCompatible("stability"),
  tools: stabilityTools,
  tasks: stabilityTasks,
  testPath: "v1/user/balance",
};
