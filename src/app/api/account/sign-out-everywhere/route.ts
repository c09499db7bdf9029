import { json, withUser } from "@/lib/api/handler";
import { signOutEverywhere } from "@/lib/auth/account";

/** Ends every login token and session of the user (this one too) and revokes every key. */
export const POST = withUser(async ({ user, ip }) =>
  json({ ok: true, ...(await signOutEverywhere({ user, ip })) }),
);
