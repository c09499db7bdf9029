import { json, withAdmin } from "@/lib/api/handler";
import { listTransactions, transactionsQuery } from "@/lib/credits/history";

export const dynamic = "force-dynamic";

/** One user's ledger, newest first, keyset-paginated. */
export const GET = withAdmin<{ id: string }>(async ({ req, params }) =>
  json(
    await listTransactions(
      params.id,
      transactionsQuery.parse(Object.fromEntries(req.nextUrl.searchParams)),
    ),
  ),
);
