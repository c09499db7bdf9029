import {
  json,
  readJson,
  SMALL_JSON_MAX_BYTES,
  withOptionalUser,
  withUser,
} from "@/lib/api/handler";
import { ApiError } from "@/lib/errors";
import { assetIdSchema, workUpdateSchema } from "@/lib/gallery/schemas";
import { getWork, updateWork } from "@/lib/gallery/works";

type Params = { id: string };

export const GET = withOptionalUser<Params>(async ({ params, user }) => {
  const work = await getWork(assetIdSchema.parse(params.id), user);
  if (!work) throw new ApiError("not_found", "作品不存在");
  return json({ item: work });
});

/** The author edits the title and tags, or takes the work down (`published: false`) and back. */
export const PATCH = withUser<Params>(async ({ req, params, user }) => {
  const patch = workUpdateSchema.parse(await readJson(req, SMALL_JSON_MAX_BYTES));
  return json({ item: await updateWork(assetIdSchema.parse(params.id), user, patch) });
});
