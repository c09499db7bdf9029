import { videoContent } from "@/lib/operations/video/read";
import { videoIdRoute } from "@/lib/operations/video/routes";

export const runtime = "nodejs";

// The stored MP4 (or ?variant=thumbnail poster) with Range, never a provider URL.
export const GET = videoIdRoute(videoContent);
