import { withPublic } from "@/lib/api/handler";
import { verifyEmail } from "@/lib/auth/verify-email";
import { publicOrigin } from "@/lib/media/urls";

// The link in the verification mail: verifies, then lands on /auth/verify, which says how it went.
export const GET = withPublic(async ({ req }) => {
  const outcome = await verifyEmail(req.nextUrl.searchParams.get("token") ?? "");
  return new Response(null, {
    status: 303,
    headers: { location: `${publicOrigin(req)}/auth/verify?status=${outcome}` },
  });
});
