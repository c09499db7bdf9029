import { json, withAdmin } from "@/lib/api/handler";
import { publicOrigin } from "@/lib/media/urls";
import { adminListTasks } from "@/lib/tasks/admin";
import { adminTaskListSchema } from "@/lib/tasks/schemas";

export const runtime = "nodejs";

// Every user's tasks, filtered by status, user (id or email), model and kind.
export const GET = withAdmin(async ({ req }) =>
  json(
    await adminListTasks(
      adminTaskListSchema.parse(Object.fromEntries(req.nextUrl.searchParams)),
      publicOrigin(req),
    ),
  ),
);
