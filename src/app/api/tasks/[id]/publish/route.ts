import { json, readJson, SMALL_JSON_MAX_BYTES, withUser } from "@/lib/api/handler";
import { publicOrigin } from "@/lib/media/urls";
import { publishSchema, publishTaskOutputs } from "@/lib/tasks/publish";
import { getTaskOrThrow } from "@/lib/tasks/repo";
import { taskDetailView } from "@/lib/workflows/views";

export const runtime = "nodejs";

// Publishes a finished generation (one output, or all) to the gallery: title, tags, prompt
// shown or hidden. Answers the task, each published output carrying its work's `assetId`.
export const POST = withUser<{ id: string }>(async ({ req, user, params }) => {
  const input = publishSchema.parse(await readJson(req, SMALL_JSON_MAX_BYTES));
  const task = await getTaskOrThrow({ id: params.id, ownerId: user.id });
  return json(await taskDetailView(await publishTaskOutputs(task, input), publicOrigin(req)));
});
