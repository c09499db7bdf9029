import "server-only";
import { openAiCompatible } from "@/lib/providers/openai-compatible";
import { mockFetch } from "./handler";

/** The built-in mock: an OpenAI-compatible provider whose "network" is an in-process handler. */
export const mockAdapter = openAiCompatible("mock", {
  fetch: mockFetch as typeof fetch,
});
