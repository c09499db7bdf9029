import type { CapacitorConfig } from "@capacitor/cli";

// The native apps wrap the static export of the /mobile shell (npm run build:cap → out-cap/).
// The WebView's origin is https://localhost on Android and capacitor://localhost on iOS; both are
// in the server's default CORS_ALLOW_ORIGINS. The API address is baked into the export at build
// time (NEXT_PUBLIC_API_BASE_URL), not configured here. See docs/mobile.md.
const config: CapacitorConfig = {
  appId: "studio.aigc.app",
  appName: "AIGC Studio",
  webDir: "out-cap",
  android: {
    // An https page may not call an http API; keep it that way (use an https API in production).
    allowMixedContent: false,
  },
  plugins: {
    StatusBar: { style: "LIGHT", backgroundColor: "#ffffff", overlaysWebView: false },
  },
};

export default config;
