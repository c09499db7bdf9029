import { json, readJson, withAdmin, SMALL_JSON_MAX_BYTES } from "@/lib/api/handler";
import { adminGrant, grantSchema } from "@/lib/credits/grant";

/** Admin: add or remove credits for a user (audited). */
export const POST = withAdmin(async ({ req, user, ip }) => {
  const input = grantSchema.parse(await readJson(req, SMALL_JSON_MAX_BYTES));
  return json(await adminGrant(input, { actor: { id: user.id, email: user.email }, ip }));
});
