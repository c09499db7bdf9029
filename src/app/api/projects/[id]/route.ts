import { json, readJson, SMALL_JSON_MAX_BYTES, withUser } from "@/lib/api/handler";
import { publicOrigin } from "@/lib/media/urls";
import { deleteProject, renameProject } from "@/lib/projects/repo";
import { projectInputSchema } from "@/lib/projects/schemas";

export const runtime = "nodejs";

type Params = { id: string };

export const PATCH = withUser<Params>(async ({ req, user, params }) => {
  const { name } = projectInputSchema.parse(await readJson(req, SMALL_JSON_MAX_BYTES));
  return json({ item: await renameProject(user.id, params.id, name, publicOrigin(req)) });
});

// The items stay the caller's, in no project.
export const DELETE = withUser<Params>(async ({ user, params }) => {
  await deleteProject(user.id, params.id);
  return json({ ok: true, id: params.id });
});
