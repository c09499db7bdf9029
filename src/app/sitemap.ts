import type { MetadataRoute } from "next";
import { listSitemapWorks } from "@/lib/gallery/sitemap";
import { siteOrigin } from "@/lib/gallery/work-page";

export const dynamic = "force-dynamic";

/** /sitemap.xml: the gallery pages and every published work (its page is what a link shares). */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const origin = await siteOrigin();
  const works = await listSitemapWorks();
  return [
    { url: `${origin}/`, changeFrequency: "hourly", priority: 1 },
    { url: `${origin}/explore`, changeFrequency: "hourly", priority: 0.8 },
    ...works.map((w) => ({
      url: `${origin}/works/${encodeURIComponent(w.id)}`,
      lastModified: w.updatedAt ?? w.createdAt,
      changeFrequency: "weekly" as const,
      priority: 0.6,
    })),
  ];
}
