import { adminContext } from "@/lib/api/admin-context";
import { json, withAdmin } from "@/lib/api/handler";
import { publicOrigin } from "@/lib/media/urls";
import { adminCancelTask } from "@/lib/tasks/admin";

export const runtime = "nodejs";

// Cancels any user's live task with a full refund; audited.
export const POST = withAdmin<{ id: string }>(async ({ req, user, ip, params }) =>
  json(await adminCancelTask(params.id, adminContext(user, ip), publicOrigin(req))),
);
