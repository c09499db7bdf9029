import { json, withPublic } from "@/lib/api/handler";
import { getSettings } from "@/lib/settings/store";

export const dynamic = "force-dynamic";

/** What the operator wants every visitor to see: the site announcement and whom to ask for credits. */
export const GET = withPublic(async () => {
  const { announcement, operatorContact } = await getSettings();
  return json({ announcement, operatorContact });
});
