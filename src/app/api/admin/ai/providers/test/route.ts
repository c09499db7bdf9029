import { json, readJson, withAdmin } from "@/lib/api/handler";
import { testProviderConnection } from "@/lib/ai/providers/service";
import { providerTestSchema } from "@/lib/ai/providers/schemas";

export const POST = withAdmin(async ({ req }) => {
  const { providerId } = providerTestSchema.parse(await readJson(req));
  return json(await testProviderConnection(providerId));
});
