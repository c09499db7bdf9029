import { json, readJson, withUser } from "@/lib/api/handler";
import { updateKeySchema } from "@/lib/keys/schemas";
import { revokeKey, updateKey } from "@/lib/keys/service";

type P = { id: string };

export const PATCH = withUser<P>(async ({ req, user, ip, params }) => {
  const patch = updateKeySchema.parse(await readJson(req));
  return json({ item: await updateKey(params.id, patch, { user, ip }) });
});

/** Revokes the key: the next call made with it, on any instance, gets 401. */
export const DELETE = withUser<P>(async ({ user, ip, params }) =>
  json({ item: await revokeKey(params.id, { user, ip }) }),
);
