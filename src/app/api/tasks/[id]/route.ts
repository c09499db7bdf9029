import { json, withUser } from "@/lib/api/handler";
import { publicOrigin } from "@/lib/media/urls";
import { getTaskOrThrow } from "@/lib/tasks/repo";
import { toTaskView } from "@/lib/tasks/views";

export const runtime = "nodejs";

export const GET = withUser<{ id: string }>(async ({ req, user, params }) =>
  json(toTaskView(await getTaskOrThrow({ id: params.id, ownerId: user.id }), publicOrigin(req))),
);
