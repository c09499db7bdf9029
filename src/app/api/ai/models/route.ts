import { withPublic } from "@/lib/api/handler";
import { listModelsResponse } from "@/lib/catalog/openai";

export const dynamic = "force-dynamic";

// The same OpenAI list as /v1/models, so an SDK pointed at /api/ai works too. The site's own
// catalogue view (prices, capabilities, ETag) is GET /api/ai/catalog.
export const GET = withPublic(listModelsResponse);
