import "server-only";
import { APIConnectionError, APIError } from "openai";
import type { ProviderRow } from "@/lib/db/schema";
import { isToolOperation } from "@/lib/operations/registry";
import { BadToolAnswer, fitExact, readStored, storeToolImage } from "@/lib/operations/tools/output";
import { storeProviderImages, providerRef } from "@/lib/media/results";
import { upstreamRef, type ProviderAccess } from "@/lib/providers/access";
import { clientForRow } from "@/lib/providers/client";
import { toUpstreamError } from "@/lib/providers/errors";
import { taskAdapterFor, toolRouteFor } from "@/lib/providers/registry";
import { TaskUpstreamError } from "@/lib/providers/task-types";
import type { ToolJob } from "@/lib/providers/tool-types";
import { storage } from "@/lib/storage";
import type { ParsedTask, TaskMedia, TaskOutput } from "../model";

// Steps the runner does itself, in one go, instead of submitting a job and polling it: a workflow
// step on a provider that answers at once (an image tool on the built-in mock or a synchronous
// Stability endpoint, an image generation or edit on an OpenAI-compatible provider). The step
// returns the stored outputs; provider trouble is a TaskUpstreamError (retryable or not), so the
// runner treats it exactly like a failed poll.

export type InlineWork = (signal: AbortSignal) => Promise<TaskOutput[]>;

async function picture(m: TaskMedia) {
  return { bytes: await readStored(m.key), mime: m.mime, width: m.width, height: m.height };
}

function badAnswer(slug: string, err: unknown): never {
  if (err instanceof BadToolAnswer)
    throw new TaskUpstreamError(`上游服务 ${slug} ${err.message}`, false);
  throw err;
}

/** The work of a sync-mode tool step: run, fit to the promised size, store. */
function toolWork(
  task: ParsedTask,
  provider: ProviderRow,
  access: ProviderAccess,
): InlineWork | null {
  const call = task.inputData.params.tool;
  if (!call || !isToolOperation(task.kind)) return null;
  const route = toolRouteFor(provider.kind, {
    op: task.kind,
    upstreamModel: task.upstreamModel,
    spec: call.spec,
  });
  if (route?.mode !== "sync") return null;
  return async (signal) => {
    const source = task.inputData.media.find((m) => m.role !== "background");
    const backdrop = task.inputData.media.find((m) => m.role === "background");
    if (!source) throw new TaskUpstreamError("任务缺少输入图片", false);
    const job: ToolJob = {
      ...call,
      op: task.kind as ToolJob["op"],
      upstreamModel: task.upstreamModel,
      image: await picture(source),
      background: backdrop ? await picture(backdrop) : null,
    };
    const bytes = await route.tools.run(access, job, signal);
    const fitted = await fitExact(bytes, call.output).catch((e) => badAnswer(provider.slug, e));
    return [await storeToolImage(fitted, call.output)];
  };
}

/** SDK failures as task failures: 429/5xx and connection trouble may pass, the rest is final. */
function sdkFailure(err: unknown, provider: ProviderRow): never {
  if (err instanceof TaskUpstreamError) throw err;
  const retryable =
    err instanceof APIConnectionError ||
    (err instanceof APIError && (err.status === 429 || (err.status ?? 0) >= 500));
  let message: string;
  try {
    message = toUpstreamError(err, upstreamRef(provider)).message;
  } catch {
    throw err;
  }
  throw new TaskUpstreamError(message, retryable);
}

const SIZE = /^(\d+)x(\d+)$/;

/** An image generation or edit step on an OpenAI-compatible provider (workflows only). */
function imageWork(task: ParsedTask, provider: ProviderRow): InlineWork | null {
  if (task.kind !== "image.generate" && task.kind !== "image.edit") return null;
  if (taskAdapterFor(provider.kind, task.kind)) return null;
  return async (signal) => {
    const client = clientForRow(provider);
    const { prompt, params, media } = task.inputData;
    const base = {
      model: task.upstreamModel,
      prompt,
      n: 1,
      ...(params.size ? { size: params.size } : {}),
    };
    let answer;
    try {
      if (task.kind === "image.generate")
        answer = await client.images.generate(base as never, { signal });
      else {
        const source = media[0];
        if (!source) throw new TaskUpstreamError("任务缺少输入图片", false);
        const { toFile } = await import("openai");
        const image = await toFile(await readStored(source.key), source.key.split("/").pop(), {
          type: source.mime,
        });
        answer = await client.images.edit({ ...base, image } as never, { signal });
      }
    } catch (err) {
      sdkFailure(err, provider);
    }
    const first = (answer as { data?: { b64_json?: string; url?: string }[] }).data?.[0];
    if (!first) throw new TaskUpstreamError(`上游服务 ${provider.slug} 没有返回图片`, false);
    let stored;
    try {
      [stored] = await storeProviderImages([first], providerRef(provider));
    } catch (err) {
      throw new TaskUpstreamError((err as Error).message, false);
    }
    const size = SIZE.exec(params.size ?? "");
    if (size) {
      // A workflow priced the next steps on this size: hold the provider to it.
      const output = { width: Number(size[1]), height: Number(size[2]), format: "png" as const };
      const fitted = await fitExact(stored.bytes, output).catch((e) => badAnswer(provider.slug, e));
      if (fitted !== stored.bytes) {
        await storage.delete(stored.key).catch(() => undefined);
        return [await storeToolImage(fitted, output)];
      }
    }
    return [
      {
        key: stored.key,
        type: "image",
        contentType: stored.contentType,
        bytes: stored.bytes.length,
        width: stored.width,
        height: stored.height,
        durationSec: null,
        thumbnailKey: null,
        revisedPrompt: stored.revisedPrompt,
      },
    ];
  };
}

/** The in-process work of this task, or null when it is a job to submit and poll. */
export function inlineWork(
  task: ParsedTask,
  provider: ProviderRow,
  access: ProviderAccess,
): InlineWork | null {
  return toolWork(task, provider, access) ?? imageWork(task, provider);
}
