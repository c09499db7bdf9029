import { json, withUser } from "@/lib/api/handler";
import { quotaStatus } from "@/lib/quotas/status";

export const dynamic = "force-dynamic";

/** Today's quota per operation for the caller: limit (null = none), used, remaining, reset time. */
export const GET = withUser(async ({ user }) => json(await quotaStatus(user)));
