import { json, readJson, withPublic, SMALL_JSON_MAX_BYTES } from "@/lib/api/handler";
import { registerSchema } from "@/lib/auth/schemas";
import { registerUser } from "@/lib/auth/users";
import { sendVerification } from "@/lib/auth/verify-email";
import { env } from "@/lib/env";
import { mailConfigured } from "@/lib/mail";
import { publicOrigin } from "@/lib/media/urls";
import { enforceLimits } from "@/lib/rate-limit";

const HOUR = 3600_000;

export const POST = withPublic(async ({ req, ip }) => {
  // Counted before anything else, failures included: sign-ups per address are what mint credits.
  await enforceLimits([
    { key: `signup:${ip}`, limit: env.RATE_LIMIT_SIGNUP_PER_HOUR, windowMs: HOUR },
  ]);
  const input = registerSchema.parse(await readJson(req, SMALL_JSON_MAX_BYTES));
  const user = await registerUser(input);
  await sendVerification(user, publicOrigin(req));
  return json({ user, verificationRequired: mailConfigured() }, { status: 201 });
});
