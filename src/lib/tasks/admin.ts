import "server-only";
import { recordAudit, type AdminContext } from "@/lib/audit";
import { db } from "@/lib/db";
import { ApiError } from "@/lib/errors";
import { cancelTask } from "./cancel";
import { getTask, listTasks } from "./repo";
import type { adminTaskListSchema } from "./schemas";
import { toTaskView, type TaskView } from "./views";
import type { z } from "zod";

// The admin tasks view: every user's tasks, filtered by status, user (id or email) and model,
// with who, which provider, how many retries and the error; cancel (refunds) is audited.

export type AdminTaskView = TaskView & {
  userId: string;
  userEmail: string | null;
  provider: string;
  attempts: number;
  requestId: string;
  deleted: boolean;
};

export async function adminListTasks(
  q: z.output<typeof adminTaskListSchema>,
  origin: string,
): Promise<{ items: AdminTaskView[]; nextCursor: string | null }> {
  let userId: string | undefined;
  if (q.user) {
    const user = await db
      .selectFrom("users")
      .select("id")
      .where((eb) => eb.or([eb("id", "=", q.user!), eb("email", "=", q.user!.toLowerCase())]))
      .executeTakeFirst();
    if (!user) return { items: [], nextCursor: null };
    userId = user.id;
  }
  const page = await listTasks(
    { userId, status: q.status, kind: q.kind, model: q.model, includeDeleted: true },
    { cursor: q.cursor, limit: q.limit },
  );
  const ids = [...new Set(page.items.map((t) => t.userId))];
  const users = ids.length
    ? await db.selectFrom("users").select(["id", "email"]).where("id", "in", ids).execute()
    : [];
  const email = new Map(users.map((u) => [u.id, u.email]));
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((t) => ({
      ...toTaskView(t, origin),
      userId: t.userId,
      userEmail: email.get(t.userId) ?? null,
      provider: t.providerSlug,
      attempts: t.attempts,
      requestId: t.requestId,
      deleted: t.deletedAt !== null,
    })),
  };
}

export async function adminCancelTask(
  id: string,
  ctx: AdminContext,
  origin: string,
): Promise<TaskView> {
  const task = await getTask(id);
  if (!task) throw new ApiError("not_found", "任务不存在", { param: "id" });
  const after = await cancelTask(task, "admin");
  await recordAudit({
    actor: ctx.actor,
    action: "task.cancel",
    targetType: "task",
    targetId: id,
    diff: { status: [task.status, after.status], refunded: task.creditsHeld, userId: task.userId },
    ip: ctx.ip,
  });
  return toTaskView(after, origin);
}
