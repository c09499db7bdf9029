import { defineConfig, devices } from "@playwright/test";

// Browser tests run against the production build, started by scripts/e2e-server.mjs on a fresh
// temp data dir (SQLite, seed gallery) that is deleted when the run ends. Debian's Chromium is
// used (no browser download). Specs read the admin account from E2E_ADMIN_EMAIL/PASSWORD.

const PORT = Number(process.env.E2E_PORT || 3210);
const baseURL = `http://127.0.0.1:${PORT}`;

process.env.E2E_ADMIN_EMAIL ||= "admin@test.local";
process.env.E2E_ADMIN_PASSWORD ||= "admin-test-password";

export const chromiumLaunch = {
  executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [["list"]],
  use: {
    baseURL,
    locale: "zh-CN",
    screenshot: "only-on-failure",
    trace: "off",
    launchOptions: chromiumLaunch,
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"], launchOptions: chromiumLaunch } },
  ],
  webServer: {
    command: "node scripts/e2e-server.mjs",
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    // The first run may build the app.
    timeout: 600_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      PORT: String(PORT),
      AUTH_SECRET: "e2e-auth-secret-0123456789abcdef0123456789",
      ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
      ADMIN_EMAIL: process.env.E2E_ADMIN_EMAIL,
      ADMIN_PASSWORD: process.env.E2E_ADMIN_PASSWORD,
      // Every spec signs up users from 127.0.0.1; the sign-up throttle has its own tests.
      RATE_LIMIT_SIGNUP_PER_HOUR: "0",
      // The mock video model's clips take this long: long enough to cancel one from the page.
      MOCK_VIDEO_MS: "6000",
      // Each mock image tool call takes this long, so a workflow's steps are seen one by one.
      MOCK_TOOL_MS: "2000",
    },
  },
});
