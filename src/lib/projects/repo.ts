import "server-only";
import { db, nowIso } from "@/lib/db";
import type { ProjectRow } from "@/lib/db/schema";
import { ApiError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { storage } from "@/lib/storage";
import { parseTask } from "@/lib/tasks/model";
import type { ProjectView } from "./schemas";

// A user's projects. Every lookup is by (id, owner): someone else's project is a 404, like one
// that does not exist. Items are the user's tasks (generations, tool results, workflow runs — a
// workflow's steps travel with their run); a task is in at most one project.

const nameTaken = () => new ApiError("conflict", "已有同名项目", { param: "name" });
const isUniqueViolation = (err: unknown) =>
  ["23505", "SQLITE_CONSTRAINT_UNIQUE"].includes((err as { code?: string }).code ?? "");

export async function getProjectOrThrow(input: {
  id: string;
  ownerId: string;
}): Promise<ProjectRow> {
  const row = await db
    .selectFrom("projects")
    .selectAll()
    .where("id", "=", input.id)
    .where("userId", "=", input.ownerId)
    .executeTakeFirst();
  if (!row) throw new ApiError("not_found", "项目不存在", { param: "projectId" });
  return row;
}

async function view(row: ProjectRow, origin: string): Promise<ProjectView> {
  const items = db
    .selectFrom("tasks")
    .where("userId", "=", row.userId)
    .where("projectId", "=", row.id)
    .where("deletedAt", "is", null);
  const count = await items.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst();
  const newest = await items
    .selectAll()
    .where("status", "=", "completed")
    .orderBy("createdAt", "desc")
    .limit(1)
    .executeTakeFirst();
  const out = newest ? parseTask(newest).outputList[0] : undefined;
  const coverKey = out ? (out.thumbnailKey ?? (out.type === "image" ? out.key : null)) : null;
  return {
    id: row.id,
    name: row.name,
    itemCount: Number(count?.n ?? 0),
    coverUrl: coverKey ? `${origin}${storage.url(coverKey)}` : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function listProjects(userId: string, origin: string): Promise<ProjectView[]> {
  const rows = await db
    .selectFrom("projects")
    .selectAll()
    .where("userId", "=", userId)
    .orderBy("updatedAt", "desc")
    .orderBy("id", "desc")
    .execute();
  return Promise.all(rows.map((r) => view(r, origin)));
}

export async function createProject(userId: string, name: string, origin: string) {
  const now = nowIso();
  const row: ProjectRow = { id: newId("prj_"), userId, name, createdAt: now, updatedAt: now };
  try {
    await db.insertInto("projects").values(row).execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken();
    throw err;
  }
  return view(row, origin);
}

export async function renameProject(userId: string, id: string, name: string, origin: string) {
  const row = await getProjectOrThrow({ id, ownerId: userId });
  const next = { ...row, name, updatedAt: nowIso() };
  try {
    await db
      .updateTable("projects")
      .set({ name, updatedAt: next.updatedAt })
      .where("id", "=", id)
      .execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken();
    throw err;
  }
  return view(next, origin);
}

/** Deletes the project; its items stay (they go back to 未归类). */
export async function deleteProject(userId: string, id: string): Promise<void> {
  await getProjectOrThrow({ id, ownerId: userId });
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("tasks")
      .set({ projectId: null })
      .where("userId", "=", userId)
      .where("projectId", "=", id)
      .execute();
    await trx.deleteFrom("projects").where("id", "=", id).execute();
  });
}

/**
 * Moves the caller's items into a project (or out of any, with null). Ids that are not the
 * caller's, or are a workflow's steps, are not moved; the answer says how many were.
 */
export async function moveItems(
  userId: string,
  taskIds: string[],
  projectId: string | null,
): Promise<number> {
  if (projectId) await getProjectOrThrow({ id: projectId, ownerId: userId });
  const now = nowIso();
  return db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("tasks")
      .set({ projectId })
      .where("userId", "=", userId)
      .where("id", "in", [...new Set(taskIds)])
      .where("parentId", "is", null)
      .where("deletedAt", "is", null)
      .executeTakeFirst();
    if (projectId)
      await trx
        .updateTable("projects")
        .set({ updatedAt: now })
        .where("id", "=", projectId)
        .execute();
    return Number(res.numUpdatedRows);
  });
}
