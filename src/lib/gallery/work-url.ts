import { joinUrl } from "@/lib/http";
import { API_BASE_URL } from "@/lib/public-env";

/**
 * A work's page. On the web it is on this origin; in the Capacitor app shell, whose static build
 * has no work pages, it is the page on the AIGC Studio server the shell talks to.
 */
export const workUrl = (assetId: string): string =>
  joinUrl(API_BASE_URL, `/works/${encodeURIComponent(assetId)}`);
