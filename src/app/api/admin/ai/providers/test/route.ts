import { json, readJson, withAdmin, SMALL_JSON_MAX_BYTES } from "@/lib/api/handler";
import { testProviderConnection } from "@/lib/catalog/admin/providers";
import { providerTestSchema } from "@/lib/catalog/provider-schemas";

export const POST = withAdmin(async ({ req }) => {
  const { providerId } = providerTestSchema.parse(await readJson(req, SMALL_JSON_MAX_BYTES));
  return json(await testProviderConnection(providerId));
});
