import { json, withOptionalUser } from "@/lib/api/handler";
import { assetIdSchema } from "@/lib/gallery/schemas";
import { identifyVisitor, recordView, VISITOR_COOKIE } from "@/lib/gallery/views";

type Params = { id: string };

export const POST = withOptionalUser<Params>(async ({ req, params, user, ip }) => {
  const id = assetIdSchema.parse(params.id);
  const { visitor, setCookie } = identifyVisitor({
    userId: user?.id ?? null,
    cookie: req.cookies.get(VISITOR_COOKIE)?.value,
    ip,
    userAgent: req.headers.get("user-agent") ?? "",
  });
  const result = await recordView(id, { visitor, userId: user?.id ?? null });
  const res = json(result);
  if (setCookie)
    res.headers.append(
      "set-cookie",
      `${VISITOR_COOKIE}=${setCookie}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax`,
    );
  return res;
});
