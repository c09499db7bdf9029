import { json, withAdmin } from "@/lib/api/handler";
import { userListQuery } from "@/lib/admin/user-schemas";
import { listUsers } from "@/lib/admin/users";

export const dynamic = "force-dynamic";

/** Users, newest first; `q` searches email and name. */
export const GET = withAdmin(async ({ req }) =>
  json(await listUsers(userListQuery.parse(Object.fromEntries(req.nextUrl.searchParams)))),
);
