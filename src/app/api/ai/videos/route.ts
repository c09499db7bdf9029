import { corsPreflight, withCors } from "@/lib/api/cors-route";
import { aiRoute } from "@/lib/gateway/call";
import { createVideo } from "@/lib/operations/video/create";
import { listVideos } from "@/lib/operations/video/read";

// Node runtime: a multipart reference image streams to a temp file. CORS is applied here because
// src/proxy.ts skips this path (a proxy would read the whole upload first). Twin: /v1/videos.
export const runtime = "nodejs";

export const POST = withCors(aiRoute("video.generate", createVideo));
export const GET = withCors(aiRoute("video.generate", listVideos));
export const OPTIONS = corsPreflight;
