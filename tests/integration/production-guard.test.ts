import { describe, expect, it } from "vitest";
import { startApp } from "../helpers/app";

// Production refuses to start without real secrets or with the development admin password.
describe("APP_ENV=production", () => {
  it.each([
    [{ AUTH_SECRET: "", ENCRYPTION_KEY: "" }, /AUTH_SECRET|ENCRYPTION_KEY/],
    [{ ADMIN_PASSWORD: "admin12345" }, /ADMIN_PASSWORD/],
  ])("refuses to start with %j", async (env, message) => {
    await expect(startApp({ APP_ENV: "production", SEED_DEMO: "0", ...env })).rejects.toThrow(
      message,
    );
  });

  it("starts with real secrets and a real admin password", async () => {
    const app = await startApp({
      APP_ENV: "production",
      SEED_DEMO: "0",
      ADMIN_PASSWORD: "a-real-strong-password",
    });
    await app.stop();
  });
});
