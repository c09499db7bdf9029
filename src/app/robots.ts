import type { MetadataRoute } from "next";
import { siteOrigin } from "@/lib/gallery/work-page";

export const dynamic = "force-dynamic";

export default async function robots(): Promise<MetadataRoute.Robots> {
  return {
    rules: {
      userAgent: "*",
      allow: ["/", "/api/media/"],
      disallow: ["/api/", "/admin", "/me/", "/create"],
    },
    sitemap: `${await siteOrigin()}/sitemap.xml`,
  };
}
