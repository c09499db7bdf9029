import "server-only";
import { galleryChanged } from "@/lib/gallery/cache";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import bcrypt from "bcryptjs";
import { sharp } from "@/lib/media/sharp";
import { sql } from "kysely";
import { db } from "@/lib/db";
import type { NewAsset } from "@/lib/db/schema";
import { hotScore } from "@/lib/ranking";
import { storage } from "@/lib/storage";
import { rng } from "./art";
import { AUTHORS, IMAGE_MODELS, IMAGE_TEMPLATES, type SeedModel, VIDEO_TEMPLATES } from "./catalog";
import { renderWork } from "./render";

// Demo gallery for a fresh install: pictures drawn locally at seed time (no network, nothing large
// in the repository), the committed clips in seed-media/, and demo authors nobody can sign in as.

export const SEED_IMAGE_COUNT = IMAGE_TEMPLATES.length * 2;
export const SEED_VIDEO_COUNT = VIDEO_TEMPLATES.length * 2;
const DAY = 24 * 3600 * 1000;

/** Seconds of each committed clip (seed-media/<file>.mp4). */
const CLIP_SECONDS: Record<string, number> = {
  aurora: 6,
  cells: 3,
  dusk: 7,
  ember: 5,
  fractal: 5,
  life: 4,
  mono: 4,
  tide: 8,
};

const authorId = (i: number) => `seed-user-${String(i + 1).padStart(2, "0")}`;

/** The size a call of that model would have been made with, for a picture of that shape. */
function callSize(model: SeedModel, [rw, rh]: [number, number]): string {
  const openaiStyle = model === IMAGE_MODELS.dalle || model === IMAGE_MODELS.gpt;
  if (model === IMAGE_MODELS.mock || openaiStyle) {
    if (rw === rh) return "1024x1024";
    if (openaiStyle && model === IMAGE_MODELS.gpt) return rw > rh ? "1536x1024" : "1024x1536";
    return rw > rh ? "1792x1024" : "1024x1792";
  }
  // Diffusion models: about a megapixel, sides multiples of 64.
  const side = (n: number) => Math.round(n / 64) * 64;
  const scale = Math.sqrt((1024 * 1024) / (rw * rh));
  return `${side(rw * scale)}x${side(rh * scale)}`;
}

function engagement(r: () => number, now: number) {
  const createdAt = new Date(now - Math.floor(r() * 60 * DAY)).toISOString();
  const views = Math.floor(r() ** 2 * 20000);
  const likes = Math.floor(views * (0.02 + r() * 0.1));
  return { createdAt, views, likes, hotScore: hotScore({ likes, views, createdAt }) };
}

async function imageAssets(now: number): Promise<NewAsset[]> {
  const assets: NewAsset[] = [];
  for (const [t, template] of IMAGE_TEMPLATES.entries()) {
    for (const v of [0, 1] as const) {
      const seed = `img-${t}-${v}`;
      const r = rng(`${seed}-meta`);
      const { full, cover, width, height } = await renderWork(template, seed);
      const fullKey = `seed/${seed}.webp`;
      const coverKey = `seed/${seed}-cover.webp`;
      await storage.put(fullKey, full);
      await storage.put(coverKey, cover);
      const model = template.models[v];
      const diffusion = model === IMAGE_MODELS.flux || model === IMAGE_MODELS.sdxl;
      const params = {
        size: callSize(model, template.ratio),
        ...(diffusion ? { steps: 28 + Math.floor(r() * 4) * 4 } : {}),
        ...(!diffusion && model !== IMAGE_MODELS.mj
          ? { quality: template.quality ?? "standard" }
          : {}),
        seed: Math.floor(r() * 4_294_967_295),
      };
      assets.push({
        id: `seed-img-${String(assets.length).padStart(2, "0")}`,
        title: template.titles[v],
        type: "image",
        coverUrl: storage.url(coverKey),
        fullUrl: storage.url(fullKey),
        videoUrl: null,
        width,
        height,
        aspectRatio: Math.round((width / height) * 1e4) / 1e4,
        durationSec: null,
        modelTag: model.name,
        modelSlug: model.slug,
        params: JSON.stringify(params),
        tags: JSON.stringify(template.tags),
        prompt: template.prompt,
        ownerId: authorId(template.author),
        ...engagement(r, now),
      });
    }
  }
  return assets;
}

async function videoAssets(seedDir: string, now: number): Promise<NewAsset[]> {
  const assets: NewAsset[] = [];
  for (const template of VIDEO_TEMPLATES) {
    const { file } = template;
    const videoKey = `seed/${file}.mp4`;
    const posterKey = `seed/${file}-poster.webp`;
    const posterJpg = await fs.readFile(path.join(seedDir, `${file}.jpg`));
    if (!(await storage.stat(videoKey))) {
      await storage.put(videoKey, await fs.readFile(path.join(seedDir, `${file}.mp4`)));
      await storage.put(posterKey, await sharp(posterJpg).webp({ quality: 75 }).toBuffer());
    }
    const meta = await sharp(posterJpg).metadata();
    const width = meta.width ?? 480;
    const height = meta.height ?? 270;
    const seconds = CLIP_SECONDS[file] ?? 5;
    const size = width > height ? "1280x720" : width < height ? "720x1280" : "1024x1024";
    for (const v of [0, 1] as const) {
      const r = rng(`video-${file}-${v}`);
      const model = template.models[v];
      assets.push({
        id: `seed-vid-${String(assets.length).padStart(2, "0")}`,
        title: template.titles[v],
        type: "video",
        coverUrl: storage.url(posterKey),
        videoUrl: storage.url(videoKey),
        width,
        height,
        aspectRatio: Math.round((width / height) * 1e4) / 1e4,
        durationSec: seconds,
        modelTag: model.name,
        modelSlug: model.slug,
        params: JSON.stringify({ size, seconds, seed: Math.floor(r() * 4_294_967_295) }),
        tags: JSON.stringify(template.tags),
        prompt: template.prompt,
        ownerId: authorId(AUTHORS.indexOf("动态实验室")),
        ...engagement(r, now),
      });
    }
  }
  return assets;
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
  const assets = [...(await imageAssets(now)), ...(await videoAssets(seedDir, now))];
  // Demo authors: real accounts with a password nobody knows (a random secret, hashed, dropped).
  const createdAt = new Date(now - 90 * DAY).toISOString();
  const authors = AUTHORS.map((name, i) => ({
    id: authorId(i),
    email: `author${i + 1}@demo.aigc.invalid`,
    name,
    passwordHash: bcrypt.hashSync(randomBytes(24).toString("base64url"), 4),
    role: "user" as const,
    credits: 0,
    createdAt,
  }));
  await db.transaction().execute(async (trx) => {
    for (const a of authors)
      await trx
        .insertInto("users")
        .values(a)
        .onConflict((oc) => oc.column("id").doNothing())
        .execute();
    for (const a of assets) {
      const tags = JSON.parse(a.tags as string) as string[];
      await trx.insertInto("assets").values(a).execute();
      for (const tag of tags)
        await trx.insertInto("asset_tags").values({ assetId: a.id, tag }).execute();
    }
  });
  galleryChanged();
  return assets.length;
}
