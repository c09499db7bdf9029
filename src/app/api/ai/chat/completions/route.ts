import { aiRoute } from "@/lib/gateway/call";
import { chatCompletion } from "@/lib/operations/chat/completion";

// Same handler as /v1/chat/completions: same auth, limits, charges and logs (contract §5).
export const POST = aiRoute("chat", chatCompletion);
