import { corsPreflight } from "@/lib/api/cors-route";
import { aiRoute } from "@/lib/gateway/call";
import { createVideo } from "@/lib/operations/video/create";
import { listVideos } from "@/lib/operations/video/read";

// Node runtime: a multipart reference image streams to a temp file. CORS comes from aiRoute. Twin: /v1/videos.
export const runtime = "nodejs";

export const POST = aiRoute("video.generate", createVideo);
export const GET = aiRoute("video.generate", listVideos);
export const OPTIONS = corsPreflight;
