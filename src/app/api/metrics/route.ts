import { timingSafeEqual } from "node:crypto";
import type { NextRequest } from "next/server";
import { handleError, withAdmin } from "@/lib/api/handler";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";
import { metricsText } from "@/lib/metrics";

export const dynamic = "force-dynamic";

function isMetricsToken(req: NextRequest): boolean {
  if (!env.METRICS_TOKEN) return false;
  const given = Buffer.from(
    /^Bearer\s+(.+)$/i.exec(req.headers.get("authorization") ?? "")?.[1] ?? "",
  );
  const expected = Buffer.from(env.METRICS_TOKEN);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function scrape(): Promise<Response> {
  const { body, contentType } = await metricsText();
  return new Response(body, {
    headers: { "content-type": contentType, "cache-control": "no-store" },
  });
}

const forAdmin = withAdmin(() => scrape());

/** Prometheus text: a scraper with METRICS_TOKEN, or a signed-in admin. */
export async function GET(req: NextRequest, ctx: { params: Promise<object> }) {
  if (!isMetricsToken(req)) return forAdmin(req, ctx);
  try {
    return await scrape();
  } catch (err) {
    return handleError(err, newId("req_"));
  }
}
