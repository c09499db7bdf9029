// Hot score, in the style of Reddit's "hot": engagement counts on a log scale and recency is a
// constant added at creation time, so a score never needs recomputing as time passes — it only
// changes when likes or views change. One week of recency is worth 10× the engagement.

export const LIKE_WEIGHT = 4;
export const VIEW_WEIGHT = 1;
export const WEEK_SECONDS = 7 * 24 * 3600;
const EPOCH_SECONDS = Date.UTC(2024, 0, 1) / 1000;

export function hotScore(input: {
  likes: number;
  views: number;
  createdAt: string | Date;
}): number {
  const engagement =
    Math.max(0, input.likes) * LIKE_WEIGHT + Math.max(0, input.views) * VIEW_WEIGHT;
  const created = new Date(input.createdAt).getTime() / 1000;
  const score = Math.log10(1 + engagement) + (created - EPOCH_SECONDS) / WEEK_SECONDS;
  // Rounded so the value survives a round trip through either database unchanged.
  return Math.round(score * 1e9) / 1e9;
}
