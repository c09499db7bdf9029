import { withPublic } from "@/lib/api/handler";
import { ApiError } from "@/lib/errors";
import { serveStored } from "@/lib/media/serve";
import { isSafeKey } from "@/lib/storage/types";

export const runtime = "nodejs";

// Stored media, public and immutable (keys are never reused), with Range for video seeking.
export const GET = withPublic<{ key: string[] }>(async ({ req, params }) => {
  const key = params.key.join("/");
  if (!isSafeKey(key)) throw new ApiError("not_found", "文件不存在");
  return serveStored(req, key, { cacheControl: "public, max-age=31536000, immutable" });
});

export const HEAD = GET;
