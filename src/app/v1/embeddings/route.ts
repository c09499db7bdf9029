import { aiRoute } from "@/lib/gateway/call";
import { createEmbeddings } from "@/lib/operations/embeddings/run";

// OpenAI wire format; the same handler as /api/ai/embeddings.
export const POST = aiRoute("embedding", createEmbeddings);
