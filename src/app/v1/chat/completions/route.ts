import { aiRoute } from "@/lib/gateway/call";
import { chatCompletion } from "@/lib/operations/chat/completion";
import { corsPreflight, withCors } from "@/lib/api/cors-route";

// OpenAI wire format; the same handler as /api/ai/chat/completions (contract §5).
// CORS is applied here because src/proxy.ts skips this route: running the proxy costs every
// gateway call a second request pipeline and a copy of its body.
export const POST = withCors(aiRoute("chat", chatCompletion));
export const OPTIONS = corsPreflight;
