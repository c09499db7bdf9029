import { aiRoute } from "@/lib/gateway/call";
import { chatCompletion } from "@/lib/operations/chat/completion";

// OpenAI wire format; the same handler as /api/ai/chat/completions (contract §5).
export const POST = aiRoute("chat", chatCompletion);
