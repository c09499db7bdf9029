import { remixVideo } from "@/lib/operations/video/read";
import { videoIdRoute } from "@/lib/operations/video/routes";

export const runtime = "nodejs";

// A new video from a completed one and a new prompt.
export const POST = videoIdRoute(remixVideo);
