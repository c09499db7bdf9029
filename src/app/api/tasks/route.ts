import { json, withUser } from "@/lib/api/handler";
import { publicOrigin } from "@/lib/media/urls";
import { listTasks } from "@/lib/tasks/repo";
import { taskListSchema } from "@/lib/tasks/schemas";
import { toTaskView } from "@/lib/tasks/views";

export const runtime = "nodejs";

// The caller's generations (every image and video, contract §8), newest first; `project` narrows
// them to one of the caller's projects (or "none").
export const GET = withUser(async ({ req, user }) => {
  const q = taskListSchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  const page = await listTasks(
    { userId: user.id, status: q.status, kind: q.kind, project: q.project },
    { cursor: q.cursor, limit: q.limit },
  );
  const origin = publicOrigin(req);
  return json({ items: page.items.map((t) => toTaskView(t, origin)), nextCursor: page.nextCursor });
});
