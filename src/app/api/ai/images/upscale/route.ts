import { aiRoute } from "@/lib/gateway/call";
import { upscaleImage } from "@/lib/operations/tools/run";

// Node runtime: uploads stream to temp files. Same handler as /v1/images/upscale.
export const runtime = "nodejs";

export const POST = aiRoute("image.upscale", upscaleImage);
