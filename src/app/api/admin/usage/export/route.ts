import { withAdmin } from "@/lib/api/handler";
import { usageQuery } from "@/lib/admin/usage-schemas";
import { usageCsv } from "@/lib/admin/usage";

export const dynamic = "force-dynamic";

/** The same range as CSV: one row per day × model × provider. */
export const GET = withAdmin(async ({ req }) => {
  const { days } = usageQuery.parse(Object.fromEntries(req.nextUrl.searchParams));
  return new Response(await usageCsv(days), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="usage-${days}d.csv"`,
      "cache-control": "no-store",
    },
  });
});
