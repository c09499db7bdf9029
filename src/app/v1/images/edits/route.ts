import { aiRoute } from "@/lib/gateway/call";
import { editImages } from "@/lib/operations/images/run";

// Node runtime: uploads stream to temp files.
export const runtime = "nodejs";

// OpenAI wire format; the same handler as /api/ai/images/edits (contract §5).
export const POST = aiRoute("image.edit", editImages);
