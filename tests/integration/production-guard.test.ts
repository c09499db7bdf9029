import { describe, expect, it } from "vitest";
import { startApp } from "../helpers/app";

// Production refuses to start without real secrets or with the development admin password.
describe("APP_ENV=production", () => {
  it.each([
    [{ AUTH_SECRET: "", ENCRYPTION_KEY: "" }, /AUTH_SECRET|ENCRYPTION_KEY/],
    [{ ADMIN_PASSWORD: "admin12345" }, /ADMIN_PASSWORD/],
    [{ ADMIN_PASSWORD: "a-real-strong-password", TEST_CLOCK: "1" }, /TEST_CLOCK/],
  ])("refuses to start with %j", async (env, message) => {
    await expect(startApp({ APP_ENV: "production", SEED_DEMO: "0", ...env })).rejects.toThrow(
      message,
    );
  });

  it("starts with real secrets and a real admin password; the test clock does not exist", async () => {
    const app = await startApp({
      APP_ENV: "production",
      SEED_DEMO: "0",
      ADMIN_PASSWORD: "a-real-strong-password",
    });
    try {
      const res = await fetch(`${app.url}/api/test/clock`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ now: "2040-01-01T00:00:00Z" }),
      });
      expect(res.status).toBe(404);
    } finally {
      await app.stop();
    }
  });
});
