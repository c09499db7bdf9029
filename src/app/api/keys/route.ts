import { json, readJson, withUser } from "@/lib/api/handler";
import { createKeySchema } from "@/lib/keys/schemas";
import { createKey, listKeys } from "@/lib/keys/service";

export const dynamic = "force-dynamic";

/** The caller's personal API keys (never the keys themselves). Login credentials only. */
export const GET = withUser(async ({ user }) => json({ items: await listKeys(user.id) }));

/** Creates a key; the answer's `key` is the only time the full key is ever shown. */
export const POST = withUser(async ({ req, user, ip }) => {
  const input = createKeySchema.parse(await readJson(req));
  const created = await createKey(input, { user, ip });
  return json(created, { status: 201, headers: { "cache-control": "no-store" } });
});
