import { adminContext } from "@/lib/api/admin-context";
import { json, readJson, withAdmin } from "@/lib/api/handler";
import { importModelsFromProvider } from "@/lib/catalog/admin/import";
import { modelImportSchema } from "@/lib/catalog/model-schemas";

export const POST = withAdmin(async ({ req, user, ip }) => {
  const input = modelImportSchema.parse(await readJson(req));
  return json(await importModelsFromProvider(input, adminContext(user, ip)));
});
