import { adminContext } from "@/lib/api/admin-context";
import { json, readJson, withAdmin } from "@/lib/api/handler";
import { createProvider, listProviders } from "@/lib/catalog/admin/providers";
import { providerCreateSchema } from "@/lib/catalog/provider-schemas";

export const GET = withAdmin(async () => json({ items: await listProviders() }));

export const POST = withAdmin(async ({ req, user, ip }) => {
  const input = providerCreateSchema.parse(await readJson(req));
  return json({ item: await createProvider(input, adminContext(user, ip)) }, { status: 201 });
});
