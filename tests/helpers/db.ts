import Database from "better-sqlite3";
import pg from "pg";

/**
 * Runs SQL directly against an app's database (SQLite file or PostgreSQL), for test setup and
 * for checking invariants the API does not expose. Placeholders are written `?`.
 */
export async function sqlQuery<T = Record<string, unknown>>(
  databaseUrl: string,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  if (databaseUrl.startsWith("file:")) {
    const db = new Database(databaseUrl.slice(5));
    db.pragma("busy_timeout = 5000");
    try {
      const stmt = db.prepare(text);
      return (stmt.reader ? stmt.all(...params) : (stmt.run(...params), [])) as T[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    let i = 0;
    const res = await client.query(
      text.replace(/\?/g, () => `$${++i}`),
      params,
    );
    return res.rows as T[];
  } finally {
    await client.end();
  }
}
