import { adminContext } from "@/lib/api/admin-context";
import { json, readJson, withAdmin, SMALL_JSON_MAX_BYTES } from "@/lib/api/handler";
import { createProvider, listProviders } from "@/lib/catalog/admin/providers";
import { providerCreateSchema } from "@/lib/catalog/provider-schemas";

export const GET = withAdmin(async () => json({ items: await listProviders() }));

export const POST = withAdmin(async ({ req, user, ip }) => {
  const input = providerCreateSchema.parse(await readJson(req, SMALL_JSON_MAX_BYTES));
  return json({ item: await createProvider(input, adminContext(user, ip)) }, { status: 201 });
});
