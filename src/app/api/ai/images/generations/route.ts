import { aiRoute } from "@/lib/gateway/call";
import { generateImages } from "@/lib/operations/images/run";

export const runtime = "nodejs";

// Same handler as /v1/images/generations: same auth, limits, charges and logs (contract §5).
export const POST = aiRoute("image.generate", generateImages);
