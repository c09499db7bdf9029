import "server-only";
import { type Compilable, CompiledQuery, type QueryResult, type Transaction } from "kysely";
import type SQLite from "better-sqlite3";
import { db, type DB, sqliteInTransaction } from "./index";
import type { Database } from "./schema";

// Kysely builds an immutable query tree and compiles it to SQL on every call, which costs more
// than SQLite takes to run a one-row statement. A statement on the billed call's path (hold,
// settle, usage row, the caller's user row) is built and compiled once instead, with a stand-in
// for each named value, and then run with the real values in their places: the SQL is exactly
// what the builder makes, and the database's own prepared-statement cache (db/index.ts on SQLite)
// reuses the same text.
//
// Inside a transaction on SQLite the statement runs on the connection directly, as Kysely's own
// driver would run it (same statement cache, same result shape, same errors), without the
// executor's promise chain: that chain, not SQLite, was most of what a one-row statement cost.
//
// `build` sees only stand-ins: it must use every value as a plain value (no branching on it,
// no arithmetic in JavaScript), which the first run checks — a value the SQL does not carry is
// refused, not silently dropped.

const MARK = "\u0000prepared:";

type Slot<P> = { name: keyof P } | { value: unknown };

export type Prepared<P, R> = (
  executor: DB | Transaction<Database>,
  values: P,
) => Promise<QueryResult<R>>;

export function prepared<P extends Record<string, unknown>, R = unknown>(
  build: (db: DB, values: P) => Compilable<R>,
): Prepared<P, R> {
  let plan: { sql: string; slots: Slot<P>[] } | null = null;
  const compile = (values: P) => {
    const stand = new Proxy({} as P, { get: (_, key) => MARK + String(key) });
    const compiled = build(db, stand).compile();
    const slots = compiled.parameters.map((p): Slot<P> =>
      typeof p === "string" && p.startsWith(MARK)
        ? { name: p.slice(MARK.length) as keyof P }
        : { value: p },
    );
    const used = new Set(slots.flatMap((s) => ("name" in s ? [s.name] : [])));
    for (const key of Object.keys(values))
      if (!used.has(key)) throw new Error(`prepared statement does not use "${key}"`);
    return { sql: compiled.sql, slots };
  };
  return (executor, values) => {
    try {
      plan ??= compile(values);
    } catch (err) {
      return Promise.reject(err);
    }
    const parameters = plan.slots.map((s) => ("name" in s ? values[s.name] : s.value));
    if (sqliteInTransaction && executor.isTransaction)
      return runOn<R>(sqliteInTransaction, plan.sql, parameters);
    return executor.executeQuery<R>(CompiledQuery.raw(plan.sql, parameters));
  };
}

/** What Kysely's SQLite connection does for one query (kysely/dist/esm/dialect/sqlite). */
function runOn<R>(
  database: SQLite.Database,
  sql: string,
  parameters: unknown[],
): Promise<QueryResult<R>> {
  try {
    const stmt = database.prepare(sql);
    if (stmt.reader) return Promise.resolve({ rows: stmt.all(parameters) as R[] });
    const { changes, lastInsertRowid } = stmt.run(parameters);
    return Promise.resolve({
      rows: [],
      numAffectedRows: BigInt(changes),
      insertId: BigInt(lastInsertRowid),
    });
  } catch (err) {
    return Promise.reject(err);
  }
}
