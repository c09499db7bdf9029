import { withPublic } from "@/lib/api/handler";
import { listModelsResponse } from "@/lib/catalog/openai";

export const dynamic = "force-dynamic";

/** OpenAI's model list: exactly the enabled models of enabled providers (twin: /api/ai/models). */
export const GET = withPublic(listModelsResponse);
