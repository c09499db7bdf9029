import type { ToolOperation } from "@/lib/operations/registry";
import type { ToolCall } from "@/lib/tasks/model";
import type { ProviderAccess } from "./access";

// Image tools on a provider kind (upscale, outpaint, background). A kind says, per call, whether
// the model answers at once ("sync": `run` returns the picture) or as a job to poll ("task": the
// kind's TaskAdapter submits and polls it). Whatever size a provider answers, the caller fits the
// picture to the exact size the call promised.

export type ToolImage = { bytes: Buffer; mime: string; width: number; height: number };

/** One tool call as a provider sees it. */
export type ToolJob = ToolCall & {
  op: ToolOperation;
  upstreamModel: string;
  image: ToolImage;
  /** The backdrop of a background replacement, when one was given. */
  background: ToolImage | null;
};

export type ToolMode = "sync" | "task";

export interface ToolAdapter {
  operations: readonly ToolOperation[];
  /** How this model answers this call. */
  mode(job: Pick<ToolJob, "op" | "upstreamModel" | "spec">): ToolMode;
  /**
   * Runs a sync-mode call: the picture's bytes (any size and format sharp reads). Provider
   * failures are TaskUpstreamErrors (retryable or not), already scrubbed of secrets.
   */
  run(access: ProviderAccess, job: ToolJob, signal: AbortSignal): Promise<Buffer>;
}
