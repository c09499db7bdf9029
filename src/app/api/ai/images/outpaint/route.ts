import { aiRoute } from "@/lib/gateway/call";
import { outpaintImage } from "@/lib/operations/tools/run";

// Node runtime: uploads stream to temp files. Same handler as /v1/images/outpaint.
export const runtime = "nodejs";

export const POST = aiRoute("image.outpaint", outpaintImage);
