import "server-only";
import SQLite from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Migration } from "kysely";
import pg from "pg";
import { env } from "@/lib/env";
import { now } from "@/lib/time/clock";
import * as m0001 from "./migrations/0001_init";
import * as m0002 from "./migrations/0002_hardening";
import * as m0003 from "./migrations/0003_tasks";
import * as m0004 from "./migrations/0004_gallery";
import * as m0005 from "./migrations/0005_compat";
import * as m0006 from "./migrations/0006_keys";
import * as m0007 from "./migrations/0007_creator";
import * as m0008 from "./migrations/0008_tools";
import * as m0009 from "./migrations/0009_lean_ledger";
import { checkpointInBackground } from "./checkpoint";
import type { Database } from "./schema";

export type DB = Kysely<Database>;
export type Dialect = "sqlite" | "postgres";

// Migrations are imported statically so the bundled server needs no migration folder at run time.
const migrations: Record<string, Migration> = {
  "0001_init": m0001,
  "0002_hardening": m0002,
  "0003_tasks": m0003,
  "0004_gallery": m0004,
  "0005_compat": m0005,
  "0006_keys": m0006,
  "0007_creator": m0007,
  "0008_tools": m0008,
  "0009_lean_ledger": m0009,
};

function sqliteFile(url: string): string {
  const file = url.replace(/^file:/, "");
  return file === ":memory:" ? file : path.resolve(file);
}

/**
 * Kysely prepares every query anew; compiling the same SQL again costs more than running it.
 * Statements are reused by SQL text (Kysely only calls all()/run(), which finish synchronously,
 * so a cached statement is never busy when reused). Bounded: variable-length IN lists make new
 * texts, and past the cap they are simply prepared each time.
 */
function cachePreparedStatements(database: SQLite.Database, max = 2000): void {
  const prepare = database.prepare.bind(database);
  const cache = new Map<string, SQLite.Statement>();
  database.prepare = ((source: string) => {
    let stmt = cache.get(source);
    if (!stmt) {
      stmt = prepare(source);
      if (cache.size < max) cache.set(source, stmt);
    }
    return stmt;
  }) as typeof database.prepare;
}

type Instance = {
  db: DB;
  dialect: Dialect;
  /** SQLite's one connection, under Kysely's (see sqliteInTransaction). */
  sqlite?: SQLite.Database;
  stopCheckpoints?: () => Promise<void>;
};

function createDb(): Instance {
  const url = env.DATABASE_URL;
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    return {
      db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
      dialect: "postgres",
    };
  }
  if (!url.startsWith("file:")) throw new Error("DATABASE_URL must be file:… or postgres://…");
  const file = sqliteFile(url);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new SQLite(file);
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = NORMAL");
  database.pragma("busy_timeout = 5000");
  database.pragma("foreign_keys = ON");
  cachePreparedStatements(database);
  const stopCheckpoints = file !== ":memory:" ? checkpointInBackground(database, file) : undefined;
  return {
    db: new Kysely<Database>({ dialect: new SqliteDialect({ database }) }),
    dialect: "sqlite",
    sqlite: database,
    stopCheckpoints,
  };
}

// One instance per process; survives dev hot reloads.
const g = globalThis as unknown as { __aigcDb?: Instance };
const instance = (g.__aigcDb ??= createDb());

export const db: DB = instance.db;
export const dialect: Dialect = instance.dialect;

/**
 * SQLite's connection, for running a statement directly inside a Kysely transaction on it (the
 * transaction holds the one connection, so nothing else can run in between): db/prepared.ts.
 * Null on PostgreSQL. Anywhere else, go through `db`.
 */
export const sqliteInTransaction: SQLite.Database | null = instance.sqlite ?? null;

/**
 * Closes the database for good (tests and scripts that end before the process does): the
 * checkpoint thread first, so nothing holds or reopens the file once this resolves.
 */
export async function closeDb(): Promise<void> {
  await instance.stopCheckpoints?.();
  await db.destroy();
}

export async function migrateToLatest(): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Features land on their own branches, each with its own migration; a database that ran a
    // later-named one first must still accept an earlier-named one that arrives after it.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  for (const r of results ?? []) {
    if (r.status === "Error") console.error(`migration ${r.migrationName} failed`);
  }
  if (error) throw error;
}

/** The app clock as stored timestamps are written (see src/lib/time/clock.ts). */
export const nowIso = () => new Date(now()).toISOString();
