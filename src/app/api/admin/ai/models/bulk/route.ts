import { adminContext } from "@/lib/api/admin-context";
import { json, readJson, withAdmin, SMALL_JSON_MAX_BYTES } from "@/lib/api/handler";
import { modelBulkSchema } from "@/lib/catalog/model-schemas";
import { bulkSetEnabled } from "@/lib/catalog/admin/models";

export const POST = withAdmin(async ({ req, user, ip }) => {
  const { ids, enabled } = modelBulkSchema.parse(await readJson(req, SMALL_JSON_MAX_BYTES));
  return json(await bulkSetEnabled(ids, enabled, adminContext(user, ip)));
});
