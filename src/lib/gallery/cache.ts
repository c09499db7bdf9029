import "server-only";
import { announce } from "@/lib/broadcast";
import { publicPagesChanged } from "@/lib/public-pages";

// Short-lived in-process memo for the public gallery's hot reads (/explore's facet counts, the
// first page of each filter): with 100,000 works a facet count scans the tag table, and on the
// synchronous SQLite driver that blocks every other request while it runs. Entries are dropped at
// once when this process writes the gallery (galleryChanged(), called after the commit); for
// writes made elsewhere (another instance, the task worker), at once when REDIS_URL carries the
// news (src/lib/broadcast.ts), else after their TTL. Concurrent misses share one computation. Bounded:
// made-up filter values cannot grow it without limit.

const MAX_ENTRIES = 500;
type Entry = { generation: number; expires: number; value: Promise<unknown> };
const g = globalThis as unknown as {
  __aigcGallery?: { generation: number; entries: Map<string, Entry> };
};
const state = (g.__aigcGallery ??= { generation: 0, entries: new Map() });

/** Call after a transaction that adds, removes, retags, publishes or favorites works commits. */
export function galleryChanged(): void {
  forgetGallery();
  announce("gallery");
}

/** Drops what this process keeps of the gallery: its cached reads and its kept public pages. */
export function forgetGallery(): void {
  state.generation++;
  state.entries.clear();
  publicPagesChanged();
}

export function galleryCached<T>(
  key: string,
  ttlMs: number,
  compute: () => Promise<T>,
): Promise<T> {
  const now = performance.now();
  const hit = state.entries.get(key);
  if (hit && hit.generation === state.generation && hit.expires > now)
    return hit.value as Promise<T>;
  const generation = state.generation;
  const value = compute();
  if (state.entries.size >= MAX_ENTRIES) state.entries.clear();
  const entry: Entry = { generation, expires: now + ttlMs, value };
  state.entries.set(key, entry);
  // A failed computation is not remembered.
  value.catch(() => {
    if (state.entries.get(key) === entry) state.entries.delete(key);
  });
  return value;
}
