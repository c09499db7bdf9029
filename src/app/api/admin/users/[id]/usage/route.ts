import { json, withAdmin } from "@/lib/api/handler";
import { usageRowsQuery } from "@/lib/admin/user-schemas";
import { listUserUsage } from "@/lib/admin/users";

export const dynamic = "force-dynamic";

/** One user's AI calls, newest first, keyset-paginated. */
export const GET = withAdmin<{ id: string }>(async ({ req, params }) =>
  json(
    await listUserUsage(
      params.id,
      usageRowsQuery.parse(Object.fromEntries(req.nextUrl.searchParams)),
    ),
  ),
);
