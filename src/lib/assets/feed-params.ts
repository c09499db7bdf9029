import { z } from "zod";

// Gallery filters as they appear in page URLs (?type=&sort=&tag=&model=). Pure, so the server
// pages that read them and the client components that write them agree on one shape.

export const feedParamsSchema = z.object({
  type: z.enum(["all", "image", "video"]).catch("all"),
  sort: z.enum(["hot", "new"]).catch("hot"),
  tag: z.string().trim().min(1).max(40).optional().catch(undefined),
  model: z.string().trim().min(1).max(80).optional().catch(undefined),
});
export type FeedParams = z.infer<typeof feedParamsSchema>;

export const FEED_PAGE_SIZE = 20;

type RawParams = Record<string, string | string[] | undefined>;

/** Unknown or malformed values fall back to the defaults instead of failing the page. */
export function parseFeedParams(raw: RawParams): FeedParams {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  return feedParamsSchema.parse({
    type: first(raw.type),
    sort: first(raw.sort),
    tag: first(raw.tag),
    model: first(raw.model),
  });
}

/** The query string for a page URL: defaults are left out so links stay short and canonical. */
export function feedSearch(p: Partial<FeedParams>): string {
  const q = new URLSearchParams();
  if (p.type && p.type !== "all") q.set("type", p.type);
  if (p.sort && p.sort !== "hot") q.set("sort", p.sort);
  if (p.tag) q.set("tag", p.tag);
  if (p.model) q.set("model", p.model);
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** The GET /api/assets URL for one page of a feed. */
export function assetsApiUrl(p: FeedParams, cursor: string | null, limit = FEED_PAGE_SIZE): string {
  const q = new URLSearchParams({ type: p.type, sort: p.sort, limit: String(limit) });
  if (p.tag) q.set("tag", p.tag);
  if (p.model) q.set("model", p.model);
  if (cursor) q.set("cursor", cursor);
  return `/api/assets?${q}`;
}
