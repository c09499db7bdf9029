import { adminContext } from "@/lib/api/admin-context";
import { json, readJson, withAdmin, SMALL_JSON_MAX_BYTES } from "@/lib/api/handler";
import { importModelsFromProvider } from "@/lib/catalog/admin/import";
import { modelImportSchema } from "@/lib/catalog/model-schemas";

export const POST = withAdmin(async ({ req, user, ip }) => {
  const input = modelImportSchema.parse(await readJson(req, SMALL_JSON_MAX_BYTES));
  return json(await importModelsFromProvider(input, adminContext(user, ip)));
});
