import { json, readJson, withAdmin } from "@/lib/api/handler";
import { testProviderConnection } from "@/lib/catalog/admin/providers";
import { providerTestSchema } from "@/lib/catalog/provider-schemas";

export const POST = withAdmin(async ({ req }) => {
  const { providerId } = providerTestSchema.parse(await readJson(req));
  return json(await testProviderConnection(providerId));
});
