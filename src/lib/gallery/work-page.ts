import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { currentUser } from "@/lib/auth/page-guard";
import { env } from "@/lib/env";
import { chooseModel } from "./model-choice";
import { getWork, relatedWorks } from "./works";

/** Everything a work page or overlay shows, looked up once per render (metadata shares it). */
export const loadWorkPage = cache(async (id: string) => {
  const viewer = await currentUser();
  const work = await getWork(decodeURIComponent(id), viewer);
  if (!work) return null;
  const [model, related] = await Promise.all([
    chooseModel(work, work.type === "video" ? "video.generate" : "image.generate"),
    relatedWorks(work, viewer?.id ?? null),
  ]);
  return {
    work,
    model,
    related,
    viewer: viewer ? { id: viewer.id, role: viewer.role } : null,
  };
});

/** This site's origin for absolute links (share previews, sitemap): PUBLIC_URL, else the request's. */
export async function siteOrigin(): Promise<string> {
  if (env.PUBLIC_URL) return env.PUBLIC_URL.replace(/\/+$/, "");
  const h = await headers();
  const first = (v: string | null) => v?.split(",")[0].trim() || null;
  const host = first(h.get("x-forwarded-host")) ?? h.get("host") ?? "localhost:3000";
  const proto = first(h.get("x-forwarded-proto")) ?? "http";
  return `${proto}://${host}`;
}
