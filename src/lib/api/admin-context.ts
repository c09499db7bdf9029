import "server-only";
import type { AdminContext } from "@/lib/audit";
import type { UserRow } from "@/lib/db/schema";

/** The audit context of an admin request: who and from where. */
export const adminContext = (user: UserRow, ip: string): AdminContext => ({
  actor: { id: user.id, email: user.email },
  ip,
});
