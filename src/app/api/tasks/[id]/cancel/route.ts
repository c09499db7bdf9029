import { json, withUser } from "@/lib/api/handler";
import { publicOrigin } from "@/lib/media/urls";
import { cancelTask } from "@/lib/tasks/cancel";
import { getTaskOrThrow } from "@/lib/tasks/repo";
import { taskDetailView } from "@/lib/workflows/views";

export const runtime = "nodejs";

// Cancels a queued or running task and refunds its hold (409 once it has completed or failed);
// a workflow run stops with every step that has not finished, each refunded.
export const POST = withUser<{ id: string }>(async ({ req, user, params }) => {
  const task = await getTaskOrThrow({ id: params.id, ownerId: user.id });
  return json(await taskDetailView(await cancelTask(task, "user"), publicOrigin(req)));
});
