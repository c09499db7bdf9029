// The settings of the app's own next.config.mjs that bear on a render; nothing else.
/** @type {import("next").NextConfig} */
const config = {
  reactStrictMode: true,
  poweredByHeader: false,
  experimental: { preloadEntriesOnStart: false },
};

export default config;
