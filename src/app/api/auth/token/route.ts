import { json, readJson, withPublic, SMALL_JSON_MAX_BYTES } from "@/lib/api/handler";
import { credentialsSchema } from "@/lib/auth/schemas";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { issueToken } from "@/lib/auth/tokens";
import { toPublicUser } from "@/lib/auth/users";

export const POST = withPublic(async ({ req, ip }) => {
  const { email, password } = credentialsSchema.parse(await readJson(req, SMALL_JSON_MAX_BYTES));
  const user = await signInWithPassword(email, password, ip);
  const { token, expiresAt } = await issueToken(user.id, Number(user.tokenVersion));
  return json({ token, tokenType: "Bearer", expiresAt, user: toPublicUser(user) });
});
