import { json, withAdmin } from "@/lib/api/handler";
import { usageQuery } from "@/lib/admin/usage-schemas";
import { usageReport } from "@/lib/admin/usage";

export const dynamic = "force-dynamic";

/** Calls, errors, credits and latency by day, model and provider; top users. */
export const GET = withAdmin(async ({ req }) => {
  const { days } = usageQuery.parse(Object.fromEntries(req.nextUrl.searchParams));
  return json(await usageReport(days));
});
