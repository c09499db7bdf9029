import { aiRoute } from "@/lib/ai/call";
import { chatCompletion } from "@/lib/ai/chat";

// Same handler as /v1/chat/completions: same auth, limits, charges and logs (contract §5).
export const POST = aiRoute("chat", chatCompletion);
