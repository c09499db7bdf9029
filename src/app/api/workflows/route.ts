import { json, withPublic } from "@/lib/api/handler";
import { env } from "@/lib/env";
import { publicWorkflows } from "@/lib/workflows/catalog";

export const runtime = "nodejs";

// The enabled workflows, each step with the model it would run on and that model's price; and
// the limits a picture must fit (so a page can say so before uploading).
export const GET = withPublic(async () =>
  json({
    items: await publicWorkflows(),
    limits: {
      maxUploadBytes: env.UPLOAD_MAX_BYTES,
      maxUploadPixels: env.UPLOAD_MAX_PIXELS,
      maxOutputPixels: env.UPLOAD_MAX_PIXELS * 16,
    },
  }),
);
