import { aiRoute } from "@/lib/gateway/call";
import { editImages } from "@/lib/operations/images/run";

// Node runtime: uploads stream to temp files.
export const runtime = "nodejs";

// Same handler as /v1/images/edits: same auth, limits, charges and logs (contract §5).
export const POST = aiRoute("image.edit", editImages);
