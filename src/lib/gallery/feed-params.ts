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

/** A URL value the page could not use (type=gif, a 300-character tag): shown, never silent. */
export type IgnoredParam = { key: "type" | "sort" | "tag" | "model"; value: string };

export const FEED_PAGE_SIZE = 20;

/**
 * Cards the public gallery pages (/, /explore) render on the server. Fewer than a page: they fill
 * a phone's screen twice and a desktop's once, and every card costs ~2 KB of HTML and RSC payload
 * on every visit; the feed loads the rest (pages of FEED_PAGE_SIZE) as the visitor scrolls.
 */
export const FIRST_RENDER_SIZE = 12;

type RawParams = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Unknown or malformed values fall back to the defaults instead of failing the page. */
export function parseFeedParams(raw: RawParams): FeedParams & { ignored: IgnoredParam[] } {
  const ignored: IgnoredParam[] = [];
  const pick = <T extends string>(key: "type" | "sort", allowed: readonly T[], def: T): T => {
    const v = first(raw[key])?.trim();
    if (v && (allowed as readonly string[]).includes(v)) return v as T;
    if (v) ignored.push({ key, value: v.slice(0, 40) });
    return def;
  };
  const text = (key: "tag" | "model", max: number) => {
    const v = first(raw[key])?.trim();
    if (!v) return undefined;
    if (v.length <= max) return v;
    ignored.push({ key, value: `${v.slice(0, 20)}…` });
    return undefined;
  };
  return {
    type: pick("type", ["all", "image", "video"] as const, "all"),
    sort: pick("sort", ["hot", "new"] as const, "hot"),
    tag: text("tag", 40),
    model: text("model", 80),
    ignored,
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
  published?: boolean;
  favored?: boolean;
};

export function toCardAsset(a: CardAsset): CardAsset {
  const { id, title, type, coverUrl, videoUrl, width, height, durationSec, modelTag, likes } = a;
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
    ...(a.published === false ? { published: false } : {}),
    ...(a.favored !== undefined ? { favored: a.favored } : {}),
  };
}
