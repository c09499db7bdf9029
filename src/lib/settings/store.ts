import "server-only";
import { type Kysely, sql, type Transaction } from "kysely";
import { db } from "@/lib/db";
import type { Database } from "@/lib/db/schema";
import { logger } from "@/lib/logger";
import { DEFAULT_SETTINGS, type Settings, settingsSchema } from "./schema";

// One app_meta row holds the settings as JSON. Billed calls read them (quota plans), so each
// process keeps what it read for at most FRESH_MS: a change committed through any instance is
// live everywhere within that second, and at once on the instance that made it. Inside a
// transaction (an admin write) the row is always read.

const KEY = "settings";
const FRESH_MS = 1000;
const g = globalThis as unknown as {
  __aigcSettings?: { raw: string | null; value: Settings; readAt: number };
};

function parse(raw: string): Settings {
  try {
    return { ...DEFAULT_SETTINGS, ...settingsSchema.partial().parse(JSON.parse(raw)) };
  } catch (err) {
    // A hand-edited row must not take every billed call down with it.
    logger.error({ err: { message: (err as Error).message } }, "stored settings are invalid");
    return DEFAULT_SETTINGS;
  }
}

function remember(raw: string | null): Settings {
  const cached = g.__aigcSettings;
  const value =
    cached && cached.raw === raw ? cached.value : raw === null ? DEFAULT_SETTINGS : parse(raw);
  g.__aigcSettings = { raw, value, readAt: performance.now() };
  return value;
}

async function readRow(executor: Kysely<Database> | Transaction<Database>) {
  const row = await executor
    .selectFrom("app_meta")
    .select("value")
    .where("key", "=", KEY)
    .executeTakeFirst();
  return row?.value ?? null;
}

export async function getSettings(trx?: Transaction<Database>): Promise<Settings> {
  if (trx) return remember(await readRow(trx));
  const cached = g.__aigcSettings;
  if (cached && performance.now() - cached.readAt < FRESH_MS) return cached.value;
  return remember(await readRow(db));
}

/** The stored settings as of now, never from this process's memory (the admin form). */
export async function getFreshSettings(): Promise<Settings> {
  return remember(await readRow(db));
}

/** Writes the settings in the caller's transaction; this process sees them once it commits. */
export async function writeSettings(trx: Transaction<Database>, value: Settings): Promise<void> {
  const raw = JSON.stringify(value);
  await trx
    .insertInto("app_meta")
    .values({ key: KEY, value: raw })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: raw }))
    .execute();
}

/** Forgets what this process read, so the next reader takes the row again (after a commit). */
export function forgetSettings(): void {
  g.__aigcSettings = undefined;
}

/** Takes the settings row's write lock (PostgreSQL), so two admins' edits apply one after the other. */
export async function lockSettings(trx: Transaction<Database>): Promise<void> {
  await trx
    .updateTable("app_meta")
    .set({ value: sql`"value"` })
    .where("key", "=", KEY)
    .execute();
}
