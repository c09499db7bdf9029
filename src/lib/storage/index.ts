import "server-only";
import { env } from "@/lib/env";
import { localStorage } from "./local";
import type { S3Config } from "./s3";
import { mediaUrl, type Storage } from "./types";

export type { ByteRange, Storage, StoredObject } from "./types";

/**
 * S3 storage whose client is loaded on first use: the AWS SDK costs 10–20 MB of memory, which an
 * instance on local disk never pays (it is not even loaded there).
 */
function lazyS3(config: S3Config): Storage {
  let loaded: Promise<Storage> | null = null;
  const s3 = () => (loaded ??= import("./s3").then((m) => m.s3Storage(config)));
  return {
    put: async (...args) => (await s3()).put(...args),
    putStream: async (...args) => (await s3()).putStream(...args),
    get: async (...args) => (await s3()).get(...args),
    stat: async (...args) => (await s3()).stat(...args),
    delete: async (...args) => (await s3()).delete(...args),
    url: mediaUrl,
  };
}

function createStorage(): Storage {
  if (!env.S3_BUCKET) return localStorage(env.mediaDir);
  return lazyS3({
    bucket: env.S3_BUCKET,
    region: env.S3_REGION,
    endpoint: env.S3_ENDPOINT,
    accessKeyId: env.S3_ACCESS_KEY_ID,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY,
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
  });
}

// S3 when a bucket is configured (several instances share media), local disk otherwise.
const g = globalThis as unknown as { __aigcStorage?: Storage };
export const storage: Storage = (g.__aigcStorage ??= createStorage());
