import { json, withUser } from "@/lib/api/handler";
import { publicOrigin } from "@/lib/media/urls";
import { getTaskOrThrow } from "@/lib/tasks/repo";
import { taskDetailView } from "@/lib/workflows/views";

export const runtime = "nodejs";

// A workflow run also lists its steps (status, progress, output and credits of each).
export const GET = withUser<{ id: string }>(async ({ req, user, params }) =>
  json(
    await taskDetailView(
      await getTaskOrThrow({ id: params.id, ownerId: user.id }),
      publicOrigin(req),
    ),
  ),
);
