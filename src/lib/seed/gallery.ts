import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { sql } from "kysely";
import { db } from "@/lib/db";
import type { NewAsset } from "@/lib/db/schema";
import { hotScore } from "@/lib/ranking";
import { storage } from "@/lib/storage";
import { renderArt, rng } from "./art";

// Demo gallery for a fresh install: real files in storage, generated locally, no network.

const SUBJECTS = [
  ["雾中山谷", "misty valley at dawn, layered mountains"],
  ["霓虹雨夜", "neon-lit street on a rainy night, reflections"],
  ["海边灯塔", "lonely lighthouse by a stormy sea"],
  ["沙漠星空", "desert dunes under the milky way"],
  ["未来都市", "futuristic city skyline, flying vehicles"],
  ["森林小屋", "wooden cabin in a quiet pine forest"],
  ["极地冰川", "glacier cliffs in polar light"],
  ["樱花庭院", "japanese garden with cherry blossoms"],
  ["机械少女", "portrait of a cyborg girl, soft light"],
  ["古城黄昏", "ancient city walls at golden hour"],
  ["深海水母", "glowing jellyfish in the deep sea"],
  ["云端宫殿", "palace floating above the clouds"],
  ["抽象流体", "abstract fluid shapes, gradient"],
  ["静物花瓶", "still life with a ceramic vase"],
  ["雪山湖泊", "alpine lake reflecting snowy peaks"],
  ["赛博猫咪", "cyberpunk cat with glowing eyes"],
];
const STYLES = [
  ["电影感", "cinematic lighting, 35mm film"],
  ["水彩", "watercolor painting, soft edges"],
  ["极简", "minimalist composition, negative space"],
  ["油画", "oil painting, thick brush strokes"],
  ["写实", "photorealistic, ultra detailed"],
  ["动漫", "anime style, vibrant colors"],
];
const TAGS = ["风景", "人像", "赛博朋克", "动漫", "建筑", "极简", "科幻", "自然", "抽象", "夜景"];
const IMAGE_MODELS = ["Flux.1 Pro", "SDXL", "Midjourney v6", "DALL·E 3", "GPT Image 1"];
const VIDEO_MODELS = ["Sora", "Kling 1.6", "Runway Gen-3", "Vidu"];
const RATIOS: [number, number][] = [
  [9, 16],
  [2, 3],
  [3, 4],
  [4, 5],
  [1, 1],
  [4, 3],
  [3, 2],
  [16, 9],
];
const VIDEOS = ["aurora", "fractal", "life", "dusk", "cells", "tide", "ember", "mono"];

export const SEED_IMAGE_COUNT = 40;
export const SEED_VIDEO_COUNT = 16;
const DAY = 24 * 3600 * 1000;

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)];
}

function baseFields(i: number, r: () => number, now: number) {
  const [subject, subjectPrompt] = SUBJECTS[i % SUBJECTS.length];
  const [style, stylePrompt] = STYLES[Math.floor(i / SUBJECTS.length + i) % STYLES.length];
  const createdAt = new Date(now - Math.floor(r() * 60 * DAY)).toISOString();
  const views = Math.floor(r() ** 2 * 20000);
  const likes = Math.floor(views * (0.02 + r() * 0.1));
  const tags = [...new Set([pick(r, TAGS), pick(r, TAGS), style])];
  return {
    title: `${subject}·${style}`,
    prompt: `${subjectPrompt}, ${stylePrompt}`,
    tags: JSON.stringify(tags),
    createdAt,
    views,
    likes,
    hotScore: hotScore({ likes, views, createdAt }),
  };
}

export async function seedGalleryIfEmpty(
  seedDir = path.join(process.cwd(), "seed-media"),
): Promise<number> {
  const row = await db
    .selectFrom("assets")
    .select(sql<number>`count(*)`.as("n"))
    .executeTakeFirstOrThrow();
  if (Number(row.n) > 0) return 0;
  // Claim the seed, so that two instances starting together do not both load it.
  const claim = await db
    .insertInto("app_meta")
    .values({ key: "seed:gallery", value: new Date().toISOString() })
    .onConflict((oc) => oc.column("key").doNothing())
    .executeTakeFirst();
  if (Number(claim.numInsertedOrUpdatedRows ?? 0) === 0) return 0;

  const now = Date.now();
  const assets: NewAsset[] = [];
  for (let i = 0; i < SEED_IMAGE_COUNT; i++) {
    const r = rng(`image-${i}`);
    const [rw, rh] = RATIOS[i % RATIOS.length];
    const width = 480;
    const height = Math.round((width * rh) / rw);
    const key = `seed/image-${i}.webp`;
    await storage.put(key, await renderArt(`image-${i}`, width, height));
    assets.push({
      id: `seed-img-${String(i).padStart(2, "0")}`,
      type: "image",
      coverUrl: storage.url(key),
      videoUrl: null,
      width,
      height,
      aspectRatio: Math.round((width / height) * 1e4) / 1e4,
      durationSec: null,
      modelTag: pick(r, IMAGE_MODELS),
      ownerId: null,
      ...baseFields(i, r, now),
    });
  }
  for (let i = 0; i < SEED_VIDEO_COUNT; i++) {
    const r = rng(`video-${i}`);
    const base = baseFields(i + 7, r, now);
    const name = VIDEOS[i % VIDEOS.length];
    const videoKey = `seed/${name}.mp4`;
    const posterKey = `seed/${name}-poster.webp`;
    if (!(await storage.stat(videoKey))) {
      await storage.put(videoKey, await fs.readFile(path.join(seedDir, `${name}.mp4`)));
      const poster = await sharp(await fs.readFile(path.join(seedDir, `${name}.jpg`)))
        .webp({ quality: 70 })
        .toBuffer();
      await storage.put(posterKey, poster);
    }
    const meta = await sharp(await fs.readFile(path.join(seedDir, `${name}.jpg`))).metadata();
    const width = meta.width ?? 480;
    const height = meta.height ?? 270;
    assets.push({
      id: `seed-vid-${String(i).padStart(2, "0")}`,
      type: "video",
      coverUrl: storage.url(posterKey),
      videoUrl: storage.url(videoKey),
      width,
      height,
      aspectRatio: Math.round((width / height) * 1e4) / 1e4,
      durationSec: [6, 5, 4, 7, 3, 8, 5, 4][i % VIDEOS.length],
      modelTag: pick(r, VIDEO_MODELS),
      ownerId: null,
      ...base,
      title: `${base.title}（动态）`,
    });
  }
  await db.transaction().execute(async (trx) => {
    for (const a of assets) {
      const tags = JSON.parse(a.tags as string) as string[];
      await trx.insertInto("assets").values(a).execute();
      for (const tag of tags)
        await trx.insertInto("asset_tags").values({ assetId: a.id, tag }).execute();
    }
  });
  return assets.length;
}
