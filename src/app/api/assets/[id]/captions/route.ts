import { withOptionalUser } from "@/lib/api/handler";
import { ApiError } from "@/lib/errors";
import { captionsFor } from "@/lib/gallery/captions";
import { assetIdSchema } from "@/lib/gallery/schemas";
import { getWork } from "@/lib/gallery/works";

type Params = { id: string };

/** WebVTT captions for a video work's player (the work page's <track>). */
export const GET = withOptionalUser<Params>(async ({ params, user }) => {
  const work = await getWork(assetIdSchema.parse(params.id), user);
  if (!work || work.type !== "video") throw new ApiError("not_found", "作品不存在");
  return new Response(captionsFor(work), {
    headers: { "content-type": "text/vtt; charset=utf-8", "cache-control": "public, max-age=300" },
  });
});
