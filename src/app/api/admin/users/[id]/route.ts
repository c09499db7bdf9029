import { json, readJson, withAdmin } from "@/lib/api/handler";
import { adminContext } from "@/lib/api/admin-context";
import { userPatchSchema } from "@/lib/admin/user-schemas";
import { updateUser, userDetail } from "@/lib/admin/users";

export const dynamic = "force-dynamic";
type P = { id: string };

/** Everything about one user: balance, plan and quotas today, keys, 30-day usage. */
export const GET = withAdmin<P>(async ({ params }) => json({ item: await userDetail(params.id) }));

/** Role, disable/enable (ends every token and key), plan, quota overrides — audited. */
export const PATCH = withAdmin<P>(async ({ req, user, ip, params }) => {
  const patch = userPatchSchema.parse(await readJson(req));
  return json({ item: await updateUser(params.id, patch, adminContext(user, ip)) });
});
