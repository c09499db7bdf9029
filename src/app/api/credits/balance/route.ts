import { json, withUser } from "@/lib/api/handler";
import { balanceWithRecent } from "@/lib/credits/history";

export const dynamic = "force-dynamic";

/** The caller's balance and their 20 newest transactions. */
export const GET = withUser(async ({ user }) => json(await balanceWithRecent(user.id)));
