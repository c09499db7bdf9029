import { json, readJson, SMALL_JSON_MAX_BYTES, withUser } from "@/lib/api/handler";
import { moveItems } from "@/lib/projects/repo";
import { moveItemsSchema } from "@/lib/projects/schemas";

export const runtime = "nodejs";

// Moves the caller's items into a project, or out of any (projectId: null).
export const POST = withUser(async ({ req, user }) => {
  const body = moveItemsSchema.parse(await readJson(req, SMALL_JSON_MAX_BYTES));
  return json({ moved: await moveItems(user.id, body.taskIds, body.projectId) });
});
