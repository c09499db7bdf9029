import { adminContext } from "@/lib/api/admin-context";
import { json, readJson, withAdmin, SMALL_JSON_MAX_BYTES } from "@/lib/api/handler";
import { modelCreateSchema, modelFilterSchema } from "@/lib/catalog/model-schemas";
import { createModel, listModels } from "@/lib/catalog/admin/models";

export const GET = withAdmin(async ({ req }) => {
  const filter = modelFilterSchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return json({ items: await listModels(filter) });
});

export const POST = withAdmin(async ({ req, user, ip }) => {
  const input = modelCreateSchema.parse(await readJson(req, SMALL_JSON_MAX_BYTES));
  return json({ item: await createModel(input, adminContext(user, ip)) }, { status: 201 });
});
