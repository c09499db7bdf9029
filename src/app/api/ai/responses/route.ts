import { aiRoute } from "@/lib/gateway/call";
import { createResponse } from "@/lib/operations/responses/create";

// The OpenAI Responses API on chat models; the same handler as /v1/responses. Billed as chat.
export const POST = aiRoute("chat", createResponse);
