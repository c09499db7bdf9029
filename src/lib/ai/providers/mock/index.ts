import "server-only";
import { openAiCompatible } from "../openai-compatible";
import { MOCK_PROVIDER } from "./catalog";
import { mockFetch } from "./handler";

/** The built-in mock: an OpenAI-compatible provider whose "network" is an in-process handler. */
export const mockAdapter = openAiCompatible("mock", {
  label: "内置模拟",
  fetch: mockFetch as typeof fetch,
  defaultBaseURL: MOCK_PROVIDER.baseURL,
});
