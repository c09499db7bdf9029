import { json, readJson, withAdmin } from "@/lib/api/handler";
import { adminContext } from "@/lib/api/admin-context";
import { toSettingsView, updateSettings } from "@/lib/settings/admin";
import { settingsPatchSchema } from "@/lib/settings/schema";
import { getFreshSettings } from "@/lib/settings/store";

export const dynamic = "force-dynamic";

export const GET = withAdmin(async () => json({ item: toSettingsView(await getFreshSettings()) }));

/** Changes apply to the next request on every instance; each change is audited. */
export const PATCH = withAdmin(async ({ req, user, ip }) => {
  const patch = settingsPatchSchema.parse(await readJson(req));
  return json({ item: toSettingsView(await updateSettings(patch, adminContext(user, ip))) });
});
