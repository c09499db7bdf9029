import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inProcessEnv } from "../helpers/in-process";

// `npm run keys:rotate` against a real database: keys sealed under the old ENCRYPTION_KEY are
// re-sealed under the new one, and the app reads them with only the new key afterwards.

const OLD = Buffer.alloc(32, 1).toString("base64");
const NEW = Buffer.alloc(32, 2).toString("base64");
const setup = inProcessEnv({ ENCRYPTION_KEY: OLD });
const ctx = { actor: null, ip: null };

function runRotate(env: Record<string, string>): string {
  return execFileSync("npm", ["run", "-s", "keys:rotate"], {
    env: { ...process.env, ...env, npm_config_loglevel: "error" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

let providers: typeof import("@/lib/catalog/admin/providers");
let dbMod: typeof import("@/lib/db");
beforeAll(async () => {
  dbMod = await import("@/lib/db");
  await dbMod.migrateToLatest();
  providers = await import("@/lib/catalog/admin/providers");
  await providers.createProvider(
    { slug: "a", name: "A", baseURL: "http://127.0.0.1:1/v1", apiKey: "sk-rotate-me-aaaa" },
    ctx,
  );
  await providers.createProvider(
    { slug: "b", name: "B", baseURL: "http://127.0.0.1:1/v1", apiKey: "sk-rotate-me-bbbb" },
    ctx,
  );
  await providers.createProvider({ slug: "c", name: "C", baseURL: "http://127.0.0.1:1/v1" }, ctx);
});
afterAll(async () => {
  await dbMod?.closeDb();
  setup.cleanup();
});

describe("keys:rotate", () => {
  it("refuses to run without the previous key, writing nothing", async () => {
    const before = await dbMod.db.selectFrom("providers").select("apiKeyEncrypted").execute();
    expect(() => runRotate({ ENCRYPTION_KEY: NEW })).toThrow();
    expect(await dbMod.db.selectFrom("providers").select("apiKeyEncrypted").execute()).toEqual(
      before,
    );
  });

  it("re-seals every key under the new key; a second run has nothing to do", async () => {
    expect(runRotate({ ENCRYPTION_KEY: NEW, ENCRYPTION_KEY_PREVIOUS: OLD })).toMatch(
      /re-encrypted 2 provider key/,
    );
    expect(runRotate({ ENCRYPTION_KEY: NEW, ENCRYPTION_KEY_PREVIOUS: OLD })).toMatch(
      /re-encrypted 0 provider key\(s\); 2 already/,
    );
    const { decryptWith } = await import("@/lib/crypto");
    const rows = await dbMod.db
      .selectFrom("providers")
      .select(["slug", "apiKeyEncrypted"])
      .where("apiKeyEncrypted", "is not", null)
      .orderBy("slug")
      .execute();
    const newKey = Buffer.from(NEW, "base64");
    expect(rows.map((r) => decryptWith([newKey], r.apiKeyEncrypted!))).toEqual([
      "sk-rotate-me-aaaa",
      "sk-rotate-me-bbbb",
    ]);
    const audit = await dbMod.db
      .selectFrom("audit_logs")
      .select(["action", "diff"])
      .where("action", "=", "provider.rotate_keys")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].diff).not.toContain("sk-rotate-me");
  });
});
