import { withPublic } from "@/lib/api/handler";
import { retrieveModelResponse } from "@/lib/catalog/openai";

export const dynamic = "force-dynamic";

/** OpenAI's models.retrieve; 404 model_not_found for unknown or disabled models. */
export const GET = withPublic<{ id: string[] }>(({ req, params }) =>
  retrieveModelResponse(req, params.id),
);
