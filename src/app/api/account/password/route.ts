import { json, readJson, withUser } from "@/lib/api/handler";
import { changePassword, changePasswordSchema } from "@/lib/auth/account";

/**
 * Changes the password and ends every other login token, session and personal key of the user;
 * the answer carries a fresh token for the device that made the change.
 */
export const POST = withUser(async ({ req, user, ip }) => {
  const input = changePasswordSchema.parse(await readJson(req));
  return json(await changePassword(input, { user, ip }), {
    headers: { "cache-control": "no-store" },
  });
});
