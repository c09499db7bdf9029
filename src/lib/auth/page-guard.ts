import "server-only";
import { cache } from "react";
import type { UserRow } from "@/lib/db/schema";
import { getPageUser } from "./caller";

/** The signed-in user of the current page render, looked up once however many components ask. */
export const currentUser = cache(async (): Promise<UserRow | null> => getPageUser());

/**
 * For admin pages. The /admin layout already shows sign-in or 403 to everyone else, but a layout
 * does not stop its page from rendering (Next renders segments in parallel), so each admin page
 * also calls this and renders nothing when it returns null — no admin data reaches the payload.
 */
export async function getAdminPageUser(): Promise<UserRow | null> {
  const user = await currentUser();
  return user?.role === "admin" ? user : null;
}
