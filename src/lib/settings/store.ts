import "server-only";
import { type Kysely, sql, type Transaction } from "kysely";
import { db } from "@/lib/db";
import type { Database } from "@/lib/db/schema";
import { logger } from "@/lib/logger";
import { DEFAULT_SETTINGS, type Settings, settingsSchema } from "./schema";

// One app_meta row holds the settings as JSON. Every reader takes that row (one primary-key
// read), so a change committed through any instance is what the next request everywhere sees;
// the parse is reused while the stored text is unchanged.

const KEY = "settings";
const g = globalThis as unknown as { __aigcSettings?: { raw: string; value: Settings } };

function parse(raw: string): Settings {
  try {
    return { ...DEFAULT_SETTINGS, ...settingsSchema.partial().parse(JSON.parse(raw)) };
  } catch (err) {
    // A hand-edited row must not take every billed call down with it.
    logger.error({ err: { message: (err as Error).message } }, "stored settings are invalid");
    return DEFAULT_SETTINGS;
  }
}

export async function getSettings(
  executor: Kysely<Database> | Transaction<Database> = db,
): Promise<Settings> {
  const row = await executor
    .selectFrom("app_meta")
    .select("value")
    .where("key", "=", KEY)
    .executeTakeFirst();
  if (!row) return DEFAULT_SETTINGS;
  const cached = g.__aigcSettings;
  if (cached && cached.raw === row.value) return cached.value;
  const value = parse(row.value);
  g.__aigcSettings = { raw: row.value, value };
  return value;
}

export async function writeSettings(trx: Transaction<Database>, value: Settings): Promise<void> {
  const raw = JSON.stringify(value);
  await trx
    .insertInto("app_meta")
    .values({ key: KEY, value: raw })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: raw }))
    .execute();
}

/** Takes the settings row's write lock (PostgreSQL), so two admins' edits apply one after the other. */
export async function lockSettings(trx: Transaction<Database>): Promise<void> {
  await trx
    .updateTable("app_meta")
    .set({ value: sql`"value"` })
    .where("key", "=", KEY)
    .execute();
}
