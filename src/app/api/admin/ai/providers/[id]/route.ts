import { adminContext } from "@/lib/api/admin-context";
import { json, readJson, withAdmin, SMALL_JSON_MAX_BYTES } from "@/lib/api/handler";
import { deleteProvider, updateProvider } from "@/lib/catalog/admin/providers";
import { providerUpdateSchema } from "@/lib/catalog/provider-schemas";

type Params = { id: string };

export const PATCH = withAdmin<Params>(async ({ req, params, user, ip }) => {
  const patch = providerUpdateSchema.parse(await readJson(req, SMALL_JSON_MAX_BYTES));
  return json({ item: await updateProvider(params.id, patch, adminContext(user, ip)) });
});

export const DELETE = withAdmin<Params>(async ({ params, user, ip }) => {
  await deleteProvider(params.id, adminContext(user, ip));
  return json({ ok: true, id: params.id });
});
