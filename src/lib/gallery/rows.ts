import "server-only";
import { db } from "@/lib/db";
import type { AssetRow } from "@/lib/db/schema";
import type { Asset, AssetParams } from "./schemas";

// One way to read works: the asset row with its author's display name, turned into the API's
// Asset. Every list and the work page start from here, so they all show the same fields.

export type AssetWithAuthor = AssetRow & { authorName: string | null };

export function assetRows() {
  return db
    .selectFrom("assets")
    .leftJoin("users", "users.id", "assets.ownerId")
    .selectAll("assets")
    .select("users.name as authorName");
}

function parseParams(raw: string): AssetParams {
  try {
    const value = JSON.parse(raw) as unknown;
    if (!value || typeof value !== "object" || Array.isArray(value)) return {};
    const out: AssetParams = {};
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === "string" || (typeof v === "number" && Number.isFinite(v))) out[k] = v;
    }
    return out;
  } catch {
    return {};
  }
}

export function toAsset(row: AssetWithAuthor): Asset {
  return {
    id: row.id,
    title: row.title,
    type: row.type,
    coverUrl: row.coverUrl,
    fullUrl: row.fullUrl ?? row.coverUrl,
    videoUrl: row.videoUrl,
    width: Number(row.width),
    height: Number(row.height),
    aspectRatio: Number(row.aspectRatio),
    durationSec: row.durationSec === null ? null : Number(row.durationSec),
    modelTag: row.modelTag,
    modelSlug: row.modelSlug,
    params: parseParams(row.params),
    tags: JSON.parse(row.tags) as string[],
    prompt: row.prompt,
    ownerId: row.ownerId,
    author:
      row.ownerId && row.authorName !== null ? { id: row.ownerId, name: row.authorName } : null,
    published: Number(row.published) === 1,
    views: Number(row.views),
    likes: Number(row.likes),
    hotScore: Number(row.hotScore),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Which of `assetIds` the user has favored (one query). */
export async function favoredAmong(userId: string, assetIds: string[]): Promise<Set<string>> {
  if (!assetIds.length) return new Set();
  const rows = await db
    .selectFrom("favorites")
    .select("assetId")
    .where("userId", "=", userId)
    .where("assetId", "in", assetIds)
    .execute();
  return new Set(rows.map((f) => f.assetId));
}

/** Sets `favored` on each item for a signed-in viewer (one query for the whole page). */
export async function markFavored(items: Asset[], viewerId: string | null): Promise<void> {
  if (!viewerId || !items.length) return;
  const set = await favoredAmong(
    viewerId,
    items.map((i) => i.id),
  );
  for (const item of items) item.favored = set.has(item.id);
}
