import { json, withUser } from "@/lib/api/handler";
import { publicOrigin } from "@/lib/media/urls";
import { deleteTask } from "@/lib/tasks/cancel";
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

// Removes a generation from its owner's history (a running one is cancelled and refunded
// first). Published works keep their files and stay in the gallery.
export const DELETE = withUser<{ id: string }>(async ({ user, params }) => {
  await deleteTask(await getTaskOrThrow({ id: params.id, ownerId: user.id }));
  return json({ id: params.id, deleted: true });
});
