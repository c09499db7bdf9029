import type { Operation } from "@/lib/operations/registry";
import type { ToolCall } from "@/lib/tasks/model";
import type { ProviderAccess } from "./access";

// Provider task APIs ("job id now, poll later"): submit → job id, poll → progress | outputs |
// error, cancel. Each kind maps our one task input onto its own wire (providers/<kind>/).

/** What a task asks the provider for, whatever its wire. */
export type TaskInput = {
  taskId: string;
  kind: Operation;
  upstreamModel: string;
  prompt: string;
  /** video: seconds (number), size ("720x1280"); image: n, size, quality. */
  params: { seconds?: number; size?: string; n?: number; quality?: string };
  /** A reference image (image→video, image edits), read from our own storage. */
  image: {
    bytes: Buffer;
    mime: string;
    filename: string;
    /** Our own public URL of it, when the app has a PUBLIC_URL (else adapters send a data: URL). */
    publicUrl: string | null;
  } | null;
  /** Remix: the provider's job id of the source video (kinds that support it). */
  remixOfJobId: string | null;
  /** Where the provider may call back (kinds with webhooks), when the app has a public URL. */
  webhookUrl: string | null;
  /** Image tools: the resolved call (spec, exact output size and format). */
  tool?: ToolCall;
  /** Image tools: a backdrop picture for a background replacement. */
  background?: TaskInput["image"];
};

/** A result file on the provider's side; `auth` = send the provider's credentials (own host only). */
export type RemoteFile = { url: string; auth: boolean };
export type TaskOutputRef = {
  type: "video" | "image";
  file: RemoteFile;
  thumbnail: RemoteFile | null;
};

export type PollResult =
  | { state: "queued" | "running"; progress: number | null }
  | {
      state: "succeeded";
      outputs: TaskOutputRef[];
      /** When the provider says it finished (for the completion-lag metric), if it says. */
      completedAt: Date | null;
      /** Seconds of video actually made, if the provider reports it. */
      seconds: number | null;
    }
  | { state: "failed"; error: { code: string; message: string } };

/**
 * A failure talking to the provider. Retryable ones (429, 5xx, network, timeouts) are tried again
 * later and never fail the task by themselves; the rest fail it (and refund).
 */
export class TaskUpstreamError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs: number | null = null,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = "TaskUpstreamError";
  }
}

export type WebhookRequest = { headers: Headers; body: string };

export interface TaskAdapter {
  /** Operations this kind runs as tasks. */
  operations: readonly Operation[];
  /** The provider can continue a finished video of its own (POST /videos/{id}/remix). */
  remix: boolean;
  submit(access: ProviderAccess, input: TaskInput, signal: AbortSignal): Promise<string>;
  poll(
    access: ProviderAccess,
    jobId: string,
    kind: Operation,
    signal: AbortSignal,
  ): Promise<PollResult>;
  /** Best effort: asks the provider to stop (refunds never wait for it). */
  cancel?(access: ProviderAccess, jobId: string): Promise<void>;
  /**
   * Checks a callback's signature, for kinds that sign them. (Every callback URL also carries our
   * own per-task token, checked before this.)
   */
  verifyWebhook?(access: ProviderAccess, req: WebhookRequest): Promise<boolean>;
}
