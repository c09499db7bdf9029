import "server-only";
import { env } from "@/lib/env";
import { localStorage } from "./local";
import type { Storage } from "./types";

export type { ByteRange, Storage, StoredObject } from "./types";

const g = globalThis as unknown as { __aigcStorage?: Storage };
export const storage: Storage = (g.__aigcStorage ??= localStorage(env.mediaDir));
