// Which Chat Completions field limits a reply's length for an upstream model. Pure, so the
// Responses translation (unit-tested without a server) and the chat planner share it.

// OpenAI's reasoning models refuse `max_tokens` on Chat Completions; everything else knows it.
const COMPLETION_TOKENS_MODELS = /(^|\/)(o\d|gpt-5)/i;

export const outputLimitField = (upstreamModel: string) =>
  COMPLETION_TOKENS_MODELS.test(upstreamModel) ? "max_completion_tokens" : "max_tokens";
