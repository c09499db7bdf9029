import "server-only";
import { db } from "@/lib/db";

/** A sitemap holds at most 50,000 URLs; the newest published works fill it. */
export const SITEMAP_MAX_WORKS = 49_000;

export async function listSitemapWorks() {
  return db
    .selectFrom("assets")
    .select(["id", "createdAt", "updatedAt"])
    .where("published", "=", 1)
    .orderBy("createdAt", "desc")
    .orderBy("id", "desc")
    .limit(SITEMAP_MAX_WORKS)
    .execute();
}
