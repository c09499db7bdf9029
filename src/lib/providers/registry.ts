import "server-only";
import { kieAdapter } from "@/lib/providers/kie";
import { mockAdapter } from "@/lib/providers/mock";
import { openAiVideoTasks } from "@/lib/providers/openai-compatible/videos";
import { replicateAdapter } from "@/lib/providers/replicate";
import { stabilityAdapter } from "@/lib/providers/stability";
import { ollamaAdapter, ollamaImport } from "@/lib/providers/ollama";
import { openAiCompatible, openAiLikeImport } from "@/lib/providers/openai-compatible";
import { openRouterAdapter, openRouterImport } from "@/lib/providers/openrouter";
import { togetherAdapter, togetherImport } from "@/lib/providers/together";
import type { Operation, ToolOperation } from "@/lib/operations/registry";
import type { ToolSpec } from "@/lib/operations/tools/plan";
import type { TaskAdapter } from "./task-types";
import type { ToolAdapter } from "./tool-types";
import type { ImportStrategy, ProviderAdapter, ProviderKind } from "./types";

const ADAPTERS: Record<ProviderKind, ProviderAdapter> = {
  openaiLike: { ...openAiCompatible("openaiLike"), tasks: openAiVideoTasks },
  openrouter: openRouterAdapter,
  together: togetherAdapter,
  ollama: ollamaAdapter,
  replicate: replicateAdapter,
  kie: kieAdapter,
  stability: stabilityAdapter,
  mock: mockAdapter,
};

export const IMPORT_STRATEGIES: Record<ImportStrategy["name"], ImportStrategy> = {
  openaiLike: openAiLikeImport,
  openrouter: openRouterImport,
  together: togetherImport,
  ollama: ollamaImport,
};

/** Unknown kinds (rows written by a newer version) are treated as plain OpenAI-compatible. */
export function adapterFor(kind: string): ProviderAdapter {
  return ADAPTERS[kind as ProviderKind] ?? ADAPTERS.openaiLike;
}

/**
 * The task adapter that runs `operation` for this kind, or null when the kind serves it
 * synchronously (OpenAI-compatible images) or not at all.
 */
export function taskAdapterFor(kind: string, operation: Operation): TaskAdapter | null {
  const tasks = adapterFor(kind).tasks;
  return tasks && tasks.operations.includes(operation) ? tasks : null;
}

export type ToolRoute = { mode: "sync"; tools: ToolAdapter } | { mode: "task"; tasks: TaskAdapter };

/**
 * How this kind runs an image tool call: at once through its tool adapter, or as a task through
 * its task adapter (a kind may do either, per model and call); null when it cannot run it.
 */
export function toolRouteFor(
  kind: string,
  call: { op: ToolOperation; upstreamModel: string; spec: ToolSpec },
): ToolRoute | null {
  const adapter = adapterFor(kind);
  const tools = adapter.tools;
  if (tools?.operations.includes(call.op) && tools.mode(call) === "sync")
    return { mode: "sync", tools };
  const tasks = adapter.tasks;
  return tasks?.operations.includes(call.op) ? { mode: "task", tasks } : null;
}
