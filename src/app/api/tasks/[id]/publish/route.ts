import { z } from "zod";
import { json, readJson, SMALL_JSON_MAX_BYTES, withUser } from "@/lib/api/handler";
import { publicOrigin } from "@/lib/media/urls";
import { publishTask } from "@/lib/tasks/publish";
import { getTaskOrThrow } from "@/lib/tasks/repo";
import { taskDetailView } from "@/lib/workflows/views";

export const runtime = "nodejs";

const bodySchema = z.strictObject({
  title: z.string().trim().min(1).max(120).optional(),
  tags: z.array(z.string().trim().min(1).max(30)).max(10, "最多 10 个标签").optional(),
});

// Publishes a finished generation's outputs to the gallery (each output's `assetId` is set).
export const POST = withUser<{ id: string }>(async ({ req, user, params }) => {
  const body = bodySchema.parse(await readJson(req, SMALL_JSON_MAX_BYTES));
  const task = await getTaskOrThrow({ id: params.id, ownerId: user.id });
  return json(await taskDetailView(await publishTask(task, body), publicOrigin(req)));
});
