import { sql, type SelectQueryBuilder } from "kysely";
import { decodeCursor, encodeCursor } from "@/lib/cursor";

// Newest-first keyset paging on (time, id), shared by every "latest first" list (users, usage,
// audit, tasks, my works, favorites). Ties on time are broken by id so no row is skipped or
// repeated between pages, and new rows never shift a page.

export type KeysetPage = { cursor?: string; limit: number };

export type Keyset<O> = {
  /** The cursor's kind: a cursor from another list is refused (400), not misread. */
  kind: string;
  /** Qualified column references, e.g. "ai_usage.createdAt". */
  time: string;
  id: string;
  /** The (time, id) of a row, for the next page's cursor. */
  keyOf: (row: O) => { time: string; id: string };
};

export async function newestFirst<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  page: KeysetPage,
  keys: Keyset<O>,
): Promise<{ rows: O[]; nextCursor: string | null }> {
  const time = sql.ref(keys.time);
  const id = sql.ref(keys.id);
  let q = query;
  if (page.cursor) {
    const c = decodeCursor(page.cursor, keys.kind);
    const v = String(c.v);
    q = q.where(sql<boolean>`(${time} < ${v} or (${time} = ${v} and ${id} < ${c.id}))`);
  }
  const rows = await q
    .orderBy(sql`${time} desc`)
    .orderBy(sql`${id} desc`)
    .limit(page.limit + 1)
    .execute();
  const items = rows.slice(0, page.limit) as O[];
  const last = items[items.length - 1];
  if (rows.length <= page.limit || !last) return { rows: items, nextCursor: null };
  const key = keys.keyOf(last);
  return { rows: items, nextCursor: encodeCursor({ k: keys.kind, v: key.time, id: key.id }) };
}
