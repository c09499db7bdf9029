import { adminContext } from "@/lib/api/admin-context";
import { json, readJson, withAdmin, SMALL_JSON_MAX_BYTES } from "@/lib/api/handler";
import { modelUpdateSchema } from "@/lib/catalog/model-schemas";
import { deleteModel, updateModel } from "@/lib/catalog/admin/models";

type Params = { id: string };

export const PATCH = withAdmin<Params>(async ({ req, params, user, ip }) => {
  const patch = modelUpdateSchema.parse(await readJson(req, SMALL_JSON_MAX_BYTES));
  return json({ item: await updateModel(params.id, patch, adminContext(user, ip)) });
});

export const DELETE = withAdmin<Params>(async ({ params, user, ip }) => {
  await deleteModel(params.id, adminContext(user, ip));
  return json({ ok: true, id: params.id });
});
