import type { NextConfig } from "next";

// BUILD_TARGET=cap produces the static /mobile shell (see README, "Mobile apps").
const target = process.env.BUILD_TARGET === "cap" ? "cap" : "web";

const config: NextConfig = {
  // NEXT_DIST_DIR lets several checkouts or test runs keep separate builds.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  // Tailwind's CSS is small: inlined, it no longer blocks the first paint behind a request.
  experimental: { inlineCss: true },
  serverExternalPackages: ["better-sqlite3", "sharp", "pg", "pino", "busboy"],
  ...(target === "cap" ? { output: "export" as const, distDir: "out-cap" } : {}),
};

export default config;
