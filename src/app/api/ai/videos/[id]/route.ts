import { removeVideo, retrieveVideo } from "@/lib/operations/video/read";
import { videoIdRoute } from "@/lib/operations/video/routes";

export const runtime = "nodejs";

// The video object (contract §8); DELETE cancels and refunds a running one first. Twin: /v1/videos/{id}.
export const GET = videoIdRoute(retrieveVideo);
export const DELETE = videoIdRoute(removeVideo);
