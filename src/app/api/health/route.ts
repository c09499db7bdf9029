import { sql } from "kysely";
import { json, withPublic } from "@/lib/api/handler";
import { db } from "@/lib/db";
import { APP_VERSION } from "@/lib/version";

export const dynamic = "force-dynamic";

export const GET = withPublic(async () => {
  let dbStatus = "ok";
  try {
    await sql`select 1`.execute(db);
  } catch {
    dbStatus = "error";
  }
  return json(
    { ok: dbStatus === "ok", db: dbStatus, version: APP_VERSION },
    { status: dbStatus === "ok" ? 200 : 503 },
  );
});
