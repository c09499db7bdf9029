import { aiRoute } from "@/lib/gateway/call";
import { editImages } from "@/lib/operations/images/run";
import { corsPreflight, withCors } from "@/lib/api/cors-route";

// Node runtime: uploads stream to temp files. CORS is applied here because src/proxy.ts skips
// this route (a proxy would make Next read the whole upload before we can refuse it).
export const runtime = "nodejs";

// OpenAI wire format; the same handler as /api/ai/images/edits (contract §5).
export const POST = withCors(aiRoute("image.edit", editImages));
export const OPTIONS = corsPreflight;
