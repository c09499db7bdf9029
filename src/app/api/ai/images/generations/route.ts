import { aiRoute } from "@/lib/ai/call";
import { generateImages } from "@/lib/ai/images";

export const runtime = "nodejs";

// Same handler as /v1/images/generations: same auth, limits, charges and logs (contract §5).
export const POST = aiRoute("image.generate", generateImages);
