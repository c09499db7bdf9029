import "server-only";
import { db } from "@/lib/db";
import type { TaskRow } from "@/lib/db/schema";
import { ApiError } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "@/lib/cursor";
import { parseTask, type ParsedTask } from "./model";

// Reading tasks. Every user-facing lookup is by (id, owner): anyone else's task is a 404, the
// same as one that does not exist (style.md habit 7). Deleted videos are gone for their owner.

export async function getTask(id: string): Promise<ParsedTask | null> {
  const row = await db.selectFrom("tasks").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? parseTask(row) : null;
}

export async function getTaskOrThrow(input: {
  id: string;
  ownerId: string;
  kind?: string;
}): Promise<ParsedTask> {
  let q = db
    .selectFrom("tasks")
    .selectAll()
    .where("id", "=", input.id)
    .where("userId", "=", input.ownerId)
    .where("deletedAt", "is", null);
  if (input.kind) q = q.where("kind", "=", input.kind);
  const row = await q.executeTakeFirst();
  if (!row) throw new ApiError("not_found", "任务不存在", { param: "id" });
  return parseTask(row);
}

/** The completed task a requestId already produced, if any (what a replay answers with). */
export async function completedByRequest(
  userId: string,
  requestId: string,
  kind: string,
): Promise<ParsedTask | null> {
  const row = await db
    .selectFrom("tasks")
    .selectAll()
    .where("userId", "=", userId)
    .where("requestId", "=", requestId)
    .where("kind", "=", kind)
    .where("status", "=", "completed")
    .orderBy("createdAt", "desc")
    .executeTakeFirst();
  return row ? parseTask(row) : null;
}

export type TaskFilter = {
  userId?: string;
  status?: string;
  kind?: string;
  model?: string;
  includeDeleted?: boolean;
  /** A project id, or "none"; either way only top-level items (not a workflow's steps). */
  project?: string;
};

/** Newest first, keyset-paged on (createdAt, id). */
export async function listTasks(
  filter: TaskFilter,
  page: { cursor?: string; limit: number },
): Promise<{ items: ParsedTask[]; nextCursor: string | null }> {
  let q = db.selectFrom("tasks").selectAll();
  if (filter.userId) q = q.where("userId", "=", filter.userId);
  if (filter.status) q = q.where("status", "=", filter.status as TaskRow["status"]);
  if (filter.kind) q = q.where("kind", "=", filter.kind);
  if (filter.model) q = q.where("modelSlug", "=", filter.model);
  if (!filter.includeDeleted) q = q.where("deletedAt", "is", null);
  if (filter.project) {
    q = q.where("parentId", "is", null);
    q =
      filter.project === "none"
        ? q.where("projectId", "is", null)
        : q.where("projectId", "=", filter.project);
  }
  if (page.cursor) {
    const c = decodeCursor(page.cursor, "createdAt");
    q = q.where((eb) =>
      eb.or([
        eb("createdAt", "<", String(c.v)),
        eb.and([eb("createdAt", "=", String(c.v)), eb("id", "<", c.id)]),
      ]),
    );
  }
  const rows = await q
    .orderBy("createdAt", "desc")
    .orderBy("id", "desc")
    .limit(page.limit + 1)
    .execute();
  const items = rows.slice(0, page.limit).map(parseTask);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor:
      rows.length > page.limit && last
        ? encodeCursor({ k: "createdAt", v: last.createdAt, id: last.id })
        : null,
  };
}
