import { json, readJson, SMALL_JSON_MAX_BYTES, withUser } from "@/lib/api/handler";
import { publicOrigin } from "@/lib/media/urls";
import { publishSchema, publishTaskOutput } from "@/lib/tasks/publish";
import { getTaskOrThrow } from "@/lib/tasks/repo";
import { toTaskView } from "@/lib/tasks/views";

export const runtime = "nodejs";

// Publishes one output of a finished generation to the gallery (title, tags, prompt shown or
// hidden). 409 when it is not finished or that output is already published.
export const POST = withUser<{ id: string }>(async ({ req, user, params }) => {
  const input = publishSchema.parse(await readJson(req, SMALL_JSON_MAX_BYTES));
  const task = await getTaskOrThrow({ id: params.id, ownerId: user.id });
  const done = await publishTaskOutput(task, input);
  return json(
    {
      assetId: done.assetId,
      url: `/works/${done.assetId}`,
      task: toTaskView(done.task, publicOrigin(req)),
    },
    { status: 201 },
  );
});
