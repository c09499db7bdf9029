import { z } from "zod";

export const assetQuerySchema = z.object({
  type: z.enum(["all", "image", "video"]).default("all"),
  sort: z.enum(["hot", "new"]).default("hot"),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  tag: z.string().trim().max(40).optional(),
  model: z.string().trim().max(80).optional(),
});
export type AssetQuery = z.infer<typeof assetQuerySchema>;

/** ?cursor=&limit= for the personal lists (favorites, my works). */
export const pageQuerySchema = assetQuerySchema.pick({ cursor: true, limit: true });
export type PageQuery = z.infer<typeof pageQuerySchema>;

/** `favored` sets the state (idempotent, used to apply a favorite after sign-in); absent toggles. */
export const favoriteToggleSchema = z.object({
  assetId: z.string().min(1).max(100),
  favored: z.boolean().optional(),
});

export const assetIdSchema = z.string().min(1).max(100);

const tag = z
  .string()
  .trim()
  .transform((t) => t.replace(/^#+/, "").trim())
  .pipe(z.string().min(1, "标签不能为空").max(20, "标签最多 20 个字"));

/** What an author may change on a published work. */
export const workUpdateSchema = z
  .object({
    title: z.string().trim().min(1, "标题不能为空").max(80, "标题最多 80 个字").optional(),
    tags: z
      .array(tag)
      .max(10, "最多 10 个标签")
      .transform((tags) => [...new Set(tags)])
      .optional(),
    published: z.boolean().optional(),
  })
  .refine((v) => v.title !== undefined || v.tags !== undefined || v.published !== undefined, {
    message: "没有要修改的内容",
  });
export type WorkUpdate = z.infer<typeof workUpdateSchema>;

/** How a work was made, as far as it is known. */
export type AssetParams = {
  size?: string;
  seconds?: number;
  seed?: number;
  quality?: string;
  steps?: number;
  [key: string]: string | number | undefined;
};

export type Asset = {
  id: string;
  title: string;
  type: "image" | "video";
  coverUrl: string;
  /** The large rendition for the work page (coverUrl when there is no separate one). */
  fullUrl: string;
  videoUrl: string | null;
  width: number;
  height: number;
  aspectRatio: number;
  durationSec: number | null;
  modelTag: string;
  modelSlug: string | null;
  params: AssetParams;
  tags: string[];
  prompt: string | null;
  ownerId: string | null;
  author: { id: string; name: string } | null;
  published: boolean;
  views: number;
  likes: number;
  hotScore: number;
  createdAt: string;
  updatedAt: string | null;
  favored?: boolean;
};

/** GET /api/me?favored=id,id,…: which of these works (at most 60) the caller has favored. */
export const meQuerySchema = z.object({
  favored: z
    .string()
    .max(6100)
    .optional()
    .transform((s) => [...new Set((s ?? "").split(",").filter(Boolean))])
    .pipe(z.array(assetIdSchema).max(60, "一次最多查询 60 件作品")),
});
