import { json, readJson, withPublic, SMALL_JSON_MAX_BYTES } from "@/lib/api/handler";
import { issueToken } from "@/lib/auth/tokens";
import { credentialsSchema } from "@/lib/auth/schemas";
import { authenticate, toPublicUser } from "@/lib/auth/users";
import { ApiError } from "@/lib/errors";

export const POST = withPublic(async ({ req }) => {
  const { email, password } = credentialsSchema.parse(await readJson(req, SMALL_JSON_MAX_BYTES));
  const user = await authenticate(email, password);
  if (!user) throw new ApiError("unauthorized", "邮箱或密码错误");
  const { token, expiresAt } = await issueToken(user.id);
  return json({ token, tokenType: "Bearer", expiresAt, user: toPublicUser(user) });
});
