// Plain JavaScript, not TypeScript: `next start` would load the SWC compiler (~24 MB resident)
// only to transpile a .ts config at boot.
//
// Two builds from one tree (docs/mobile.md):
//  - BUILD_TARGET=web (default): the normal server build.
//  - BUILD_TARGET=cap: a static export of the /mobile app shell only, for Capacitor. Only
//    `*.cap.tsx` files count as routes there (src/app/layout.cap.tsx, src/app/page.cap.tsx), so
//    every server route, the proxy and instrumentation are left out; the web build ignores
//    `*.cap.tsx` because `page.cap` is not a route file name.
const target = process.env.BUILD_TARGET === "cap" ? "cap" : "web";

/** @type {import("next").NextConfig} */
const web = {
  // NEXT_DIST_DIR lets several checkouts or test runs keep separate builds.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  // Route modules load when first asked for, not all at boot: ~35 MB less idle memory (README,
  // Performance); a route's first request pays for loading its modules.
  experimental: { preloadEntriesOnStart: false },
  // CSS stays an external, cached stylesheet: inlined (experimental.inlineCss), Next.js puts the
  // whole of it into every page three times (a <style> and twice in the RSC payload), 114 KB of a
  // 137 KB page on every visit.
  serverExternalPackages: [
    "better-sqlite3",
    "sharp",
    "pg",
    "pino",
    "busboy",
    "bullmq",
    "h264-mp4-encoder",
  ],
};

/** @type {import("next").NextConfig} */
const cap = {
  reactStrictMode: true,
  output: "export",
  // With output "export", distDir is where the static site is written (capacitor.config.ts webDir).
  distDir: process.env.CAP_OUT_DIR || "out-cap",
  pageExtensions: ["cap.tsx"],
  // Capacitor serves files, not routes: /index.html, never a folder per route.
  trailingSlash: false,
  images: { unoptimized: true },
  // The same sources are type-checked by `tsc --noEmit` and the web build; skip a third pass.
  typescript: { ignoreBuildErrors: true },
  // scripts/build-cap.mjs builds from a staging copy whose node_modules links back here.
  ...(process.env.CAP_TURBOPACK_ROOT
    ? { turbopack: { root: process.env.CAP_TURBOPACK_ROOT } }
    : {}),
};

export default target === "cap" ? cap : web;
