import { aiRoute } from "@/lib/gateway/call";
import { backgroundImage } from "@/lib/operations/tools/run";

// Node runtime: uploads stream to temp files. Same handler as /v1/images/background.
export const runtime = "nodejs";

export const POST = aiRoute("image.background", backgroundImage);
