import "server-only";
import { json, type HandlerArgs } from "@/lib/api/handler";
import type { UserRow } from "@/lib/db/schema";
import { ApiError } from "@/lib/errors";
import { deleteResponse, loadResponse } from "./store";

// GET and DELETE /v1/responses/{id}: the caller's own stored responses only; anything else
// (unknown, expired, someone else's, or created with store: false) is the same 404.

type Args = HandlerArgs<{ id: string }, UserRow>;

const notFound = (id: string) =>
  new ApiError("not_found", `响应 ${id} 不存在或已过期`, { param: "response_id" });

export async function retrieveResponse({ user, params }: Args): Promise<Response> {
  const stored = await loadResponse(user.id, params.id);
  if (!stored) throw notFound(params.id);
  return json(stored.body);
}

export async function removeResponse({ user, params }: Args): Promise<Response> {
  if (!(await deleteResponse(user.id, params.id))) throw notFound(params.id);
  return json({ id: params.id, object: "response", deleted: true });
}
