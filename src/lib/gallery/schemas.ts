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

export const favoriteToggleSchema = z.object({ assetId: z.string().min(1).max(100) });

export type Asset = {
  id: string;
  title: string;
  type: "image" | "video";
  coverUrl: string;
  videoUrl: string | null;
  width: number;
  height: number;
  aspectRatio: number;
  durationSec: number | null;
  modelTag: string;
  tags: string[];
  prompt: string | null;
  ownerId: string | null;
  views: number;
  likes: number;
  hotScore: number;
  createdAt: string;
  favored?: boolean;
};
