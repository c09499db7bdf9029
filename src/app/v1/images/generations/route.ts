import { aiRoute } from "@/lib/gateway/call";
import { generateImages } from "@/lib/operations/images/run";

export const runtime = "nodejs";

// OpenAI wire format; the same handler as /api/ai/images/generations (contract §5).
export const POST = aiRoute("image.generate", generateImages);
