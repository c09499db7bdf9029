import "server-only";
import { openAiCompatible } from "@/lib/providers/openai-compatible";
import { openAiVideoTasks } from "@/lib/providers/openai-compatible/videos";
import { mockFetch } from "./handler";
import { mockTools } from "./tools";

/** The built-in mock: an OpenAI-compatible provider whose "network" is an in-process handler. */
export const mockAdapter = {
  ...openAiCompatible("mock", { fetch: mockFetch as typeof fetch }),
  local: true,
  // Its videos speak the OpenAI Videos wire, so the mock runs the same task adapter as a real
  // OpenAI-compatible upstream.
  tasks: openAiVideoTasks,
  // Image tools are done in process with sharp (./tools.ts), always at once.
  tools: mockTools,
};
