import { json, readJson, withPublic } from "@/lib/api/handler";
import { registerSchema } from "@/lib/auth/schemas";
import { registerUser } from "@/lib/auth/users";

export const POST = withPublic(async ({ req }) => {
  const input = registerSchema.parse(await readJson(req));
  return json({ user: await registerUser(input) }, { status: 201 });
});
