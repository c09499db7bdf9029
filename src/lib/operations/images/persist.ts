import "server-only";
import { galleryChanged } from "@/lib/gallery/cache";
import { db, nowIso } from "@/lib/db";
import type { NewAsset } from "@/lib/db/schema";
import { newId } from "@/lib/ids";
import { hotScore } from "@/lib/ranking";
import { storage } from "@/lib/storage";
import type { StoredImage } from "@/lib/media/results";

// `persist: true`: each returned image becomes a public gallery Asset owned by the caller, with
// its prompt, the model's name as tag and the aspect ratio of the real picture.

export type PersistInput = {
  ownerId: string;
  prompt: string;
  modelTag: string;
  /** The model's public slug; looked up from modelTag when the caller does not pass it. */
  modelSlug?: string;
  /** size / quality of the call; the size defaults to the stored picture's. */
  params?: { size?: string | null; quality?: string | null };
  title?: string;
  tags?: string[];
};

/** A gallery title from the prompt: its first clause, at most 40 characters. */
export function titleFromPrompt(prompt: string): string {
  const first =
    prompt
      .trim()
      .split(/[\n。！？.!?，,；;]/)[0]
      ?.trim() || prompt.trim();
  return first.length > 40 ? `${first.slice(0, 39)}…` : first;
}

/** The slug of the model whose display name (or slug) is `tag`, for the work page's 复用. */
async function modelSlugFor(tag: string): Promise<string | null> {
  const row = await db
    .selectFrom("ai_models")
    .select("slug")
    .where((eb) => eb.or([eb("displayName", "=", tag), eb("slug", "=", tag)]))
    .orderBy("sort")
    .executeTakeFirst();
  return row?.slug ?? null;
}

/** Inserts the assets and their tags in one transaction; returns the asset ids in image order. */
export async function persistImages(images: StoredImage[], input: PersistInput): Promise<string[]> {
  const createdAt = nowIso();
  const tags = [...new Set(input.tags ?? [])];
  const modelSlug = input.modelSlug ?? (await modelSlugFor(input.modelTag));
  const rows: NewAsset[] = images.map((img) => ({
    id: newId("ast_"),
    title: input.title ?? titleFromPrompt(input.prompt),
    type: "image",
    coverUrl: storage.url(img.key),
    videoUrl: null,
    width: img.width,
    height: img.height,
    aspectRatio: Math.round((img.width / img.height) * 1e4) / 1e4,
    durationSec: null,
    modelTag: input.modelTag,
    modelSlug,
    params: JSON.stringify({
      size: input.params?.size ?? `${img.width}x${img.height}`,
      ...(input.params?.quality ? { quality: input.params.quality } : {}),
    }),
    tags: JSON.stringify(tags),
    prompt: input.prompt,
    ownerId: input.ownerId,
    views: 0,
    likes: 0,
    hotScore: hotScore({ likes: 0, views: 0, createdAt }),
    createdAt,
  }));
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("assets").values(rows).execute();
    const tagRows = rows.flatMap((r) => tags.map((tag) => ({ assetId: r.id, tag })));
    if (tagRows.length) await trx.insertInto("asset_tags").values(tagRows).execute();
  });
  galleryChanged();
  return rows.map((r) => r.id);
}
