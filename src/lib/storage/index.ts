import "server-only";
import { env } from "@/lib/env";
import { localStorage } from "./local";
import { s3Storage } from "./s3";
import type { Storage } from "./types";

export type { ByteRange, Storage, StoredObject } from "./types";

function createStorage(): Storage {
  if (!env.S3_BUCKET) return localStorage(env.mediaDir);
  return s3Storage({
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
