import { json, withUser } from "@/lib/api/handler";
import { listTransactions, transactionsQuery } from "@/lib/credits/history";

export const dynamic = "force-dynamic";

/** The caller's transactions, newest first, keyset-paginated. */
export const GET = withUser(async ({ req, user }) => {
  const query = transactionsQuery.parse(Object.fromEntries(req.nextUrl.searchParams));
  return json(await listTransactions(user.id, query));
});
