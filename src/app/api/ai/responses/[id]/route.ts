import { withUser } from "@/lib/api/handler";
import { removeResponse, retrieveResponse } from "@/lib/operations/responses/retrieve";

export const dynamic = "force-dynamic";

// The caller's stored responses (same handlers as /v1/responses/{id}).
export const GET = withUser<{ id: string }>(retrieveResponse);
export const DELETE = withUser<{ id: string }>(removeResponse);
