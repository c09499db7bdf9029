import { json, withUser } from "@/lib/api/handler";
import { pageQuerySchema } from "@/lib/gallery/schemas";
import { listMyWorks } from "@/lib/gallery/works";

export const GET = withUser(async ({ req, user }) => {
  const query = pageQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return json(await listMyWorks(user.id, query));
});
