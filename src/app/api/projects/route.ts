import { json, readJson, SMALL_JSON_MAX_BYTES, withUser } from "@/lib/api/handler";
import { publicOrigin } from "@/lib/media/urls";
import { createProject, listProjects } from "@/lib/projects/repo";
import { projectInputSchema } from "@/lib/projects/schemas";

export const runtime = "nodejs";

// The caller's projects (newest activity first), and a new one.
export const GET = withUser(async ({ req, user }) =>
  json({ items: await listProjects(user.id, publicOrigin(req)) }),
);

export const POST = withUser(async ({ req, user }) => {
  const { name } = projectInputSchema.parse(await readJson(req, SMALL_JSON_MAX_BYTES));
  return json({ item: await createProject(user.id, name, publicOrigin(req)) }, { status: 201 });
});
