import { json, withOptionalUser } from "@/lib/api/handler";
import { favoredAmong } from "@/lib/gallery/rows";
import { meQuerySchema } from "@/lib/gallery/schemas";

export const dynamic = "force-dynamic";

/**
 * Who the caller is, for the per-visitor parts of pages that are the same HTML for everyone (the
 * Topbar's account area, the hearts on / and /explore): `user` is null when signed out, and
 * `favored` lists which of the `favored` ids they have favored. Never cached anywhere.
 */
export const GET = withOptionalUser(async ({ req, user }) => {
  const { favored } = meQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  const headers = { "cache-control": "private, no-store" };
  if (!user) return json({ user: null, favored: [] }, { headers });
  const mine = await favoredAmong(user.id, favored);
  return json(
    {
      user: {
        id: user.id,
        name: user.name,
        email: user.email,
        role: user.role,
        credits: user.credits,
      },
      favored: favored.filter((id) => mine.has(id)),
    },
    { headers },
  );
});
