import { aiRoute } from "@/lib/ai/call";
import { generateImages } from "@/lib/ai/images";

export const runtime = "nodejs";

// OpenAI wire format; the same handler as /api/ai/images/generations (contract §5).
export const POST = aiRoute("image.generate", generateImages);
