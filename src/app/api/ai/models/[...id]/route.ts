import { withPublic } from "@/lib/api/handler";
import { retrieveModelResponse } from "@/lib/catalog/openai";

export const dynamic = "force-dynamic";

/** Same handler as /v1/models/{id}. */
export const GET = withPublic<{ id: string[] }>(({ req, params }) =>
  retrieveModelResponse(req, params.id),
);
