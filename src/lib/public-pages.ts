import "server-only";

// The production server keeps the public feed pages as an anonymous visitor gets them for a few
// seconds (scripts/page-cache.mjs); a kept page is served only while this process-wide version
// has not moved. Call publicPagesChanged() after a commit that changes what those pages show.
const g = globalThis as unknown as { __aigcPublicPages?: { version: number } };

export function publicPagesChanged(): void {
  (g.__aigcPublicPages ??= { version: 0 }).version++;
}
