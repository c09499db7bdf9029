// Gallery filters as they appear in page URLs (?type=&sort=&tag=&model=). Pure, so the server
// pages that read them and the client components that write them agree on one shape.
// Deliberately without zod: this module ships to the browser and must stay tiny; the API
// validates the same values again with assetQuerySchema.

export type FeedParams = {
  type: "all" | "image" | "video";
  sort: "hot" | "new";
  tag?: string;
  model?: string;
};

export const FEED_PAGE_SIZE = 20;

type RawParams = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function text(v: string | string[] | undefined, max: number): string | undefined {
  const s = first(v)?.trim();
  return s && s.length <= max ? s : undefined;
}

/** Unknown or malformed values fall back to the defaults instead of failing the page. */
export function parseFeedParams(raw: RawParams): FeedParams {
  const type = first(raw.type);
  const sort = first(raw.sort);
  return {
    type: type === "image" || type === "video" ? type : "all",
    sort: sort === "new" ? "new" : "hot",
    tag: text(raw.tag, 40),
    model: text(raw.model, 80),
  };
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

/** What a gallery card shows: the server sends only this to the browser, not the whole Asset. */
export type CardAsset = {
  id: string;
  title: string;
  type: "image" | "video";
  coverUrl: string;
  videoUrl: string | null;
  width: number;
  height: number;
  durationSec: number | null;
  modelTag: string;
  likes: number;
  favored?: boolean;
};

export function toCardAsset(a: CardAsset): CardAsset {
  const {
    id,
    title,
    type,
    coverUrl,
    videoUrl,
    width,
    height,
    durationSec,
    modelTag,
    likes,
    favored,
  } = a;
  return {
    id,
    title,
    type,
    coverUrl,
    videoUrl,
    width,
    height,
    durationSec,
    modelTag,
    likes,
    favored,
  };
}
