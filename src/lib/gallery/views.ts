import "server-only";
import { createHmac } from "node:crypto";
import { sql } from "kysely";
import { db } from "@/lib/db";
import { secrets } from "@/lib/env";
import { ApiError } from "@/lib/errors";
import { hotScore } from "@/lib/ranking";

// A view counts once per visitor per UTC day, not per render: the work page reports itself once
// it is on screen, and (work, visitor, day) is a primary key, so a repeat inserts nothing.

export const VISITOR_COOKIE = "aigc_vid";
const COOKIE_RE = /^[A-Za-z0-9_-]{16,64}$/;

const mac = (value: string) =>
  createHmac("sha256", secrets().authSecret).update(value).digest("base64url").slice(0, 32);

/**
 * Who is looking. Signed in: the user. Otherwise the visitor cookie; a first visit has none, so
 * its cookie is derived from the address and browser — the key of that first view and of every
 * later one (cookie sent back) is then the same, and a client that keeps no cookies still counts
 * once a day. Only keyed hashes are stored, never an address.
 */
export function identifyVisitor(input: {
  userId: string | null;
  cookie: string | undefined;
  ip: string;
  userAgent: string;
}): { visitor: string; setCookie: string | null } {
  if (input.userId) return { visitor: `u:${input.userId}`, setCookie: null };
  if (input.cookie && COOKIE_RE.test(input.cookie))
    return { visitor: `a:${mac(`vid:${input.cookie}`)}`, setCookie: null };
  const cookie = mac(`first:${input.ip}|${input.userAgent}`);
  return { visitor: `a:${mac(`vid:${cookie}`)}`, setCookie: cookie };
}

let lastPrune = 0;
const PRUNE_EVERY_MS = 3600_000;

/** Rows older than yesterday can never dedupe again. */
export async function pruneViews(now = new Date()): Promise<void> {
  const yesterday = new Date(now.getTime() - 24 * 3600_000).toISOString().slice(0, 10);
  await db.deleteFrom("asset_views").where("day", "<", yesterday).execute();
}

export async function recordView(
  assetId: string,
  viewer: { visitor: string; userId: string | null },
  now = new Date(),
): Promise<{ views: number; counted: boolean }> {
  if (now.getTime() - lastPrune > PRUNE_EVERY_MS) {
    lastPrune = now.getTime();
    await pruneViews(now);
  }
  const day = now.toISOString().slice(0, 10);
  return db.transaction().execute(async (trx) => {
    const asset = await trx
      .selectFrom("assets")
      .select(["views", "published", "ownerId"])
      .where("id", "=", assetId)
      .executeTakeFirst();
    if (!asset || (Number(asset.published) !== 1 && asset.ownerId !== viewer.userId))
      throw new ApiError("not_found", "作品不存在");
    const inserted = await trx
      .insertInto("asset_views")
      .values({ assetId, visitor: viewer.visitor, day })
      .onConflict((oc) => oc.columns(["assetId", "visitor", "day"]).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0)
      return { views: Number(asset.views), counted: false };
    const row = await trx
      .updateTable("assets")
      .set({ views: sql`"views" + 1` })
      .where("id", "=", assetId)
      .returning(["likes", "views", "createdAt"])
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("assets")
      .set({ hotScore: hotScore(row) })
      .where("id", "=", assetId)
      .execute();
    return { views: Number(row.views), counted: true };
  });
}
