import { aiRoute } from "@/lib/ai/call";
import { chatCompletion } from "@/lib/ai/chat";

// OpenAI wire format; the same handler as /api/ai/chat/completions (contract §5).
export const POST = aiRoute("chat", chatCompletion);
