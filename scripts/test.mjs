#!/usr/bin/env node
// `npm test`: every suite, in order; exits non-zero if any fails.
//   lint → typecheck → format → build → unit → integration on SQLite → integration on PostgreSQL
//   → e2e (Playwright, Debian Chromium). The static checks come first so main stays clean.
// SKIP_POSTGRES=1 or SKIP_E2E=1 skip a suite explicitly (CI never sets them).
import fs from "node:fs";
import { ensureBuild, run } from "./lib.mjs";

const results = [];
async function suite(name, fn) {
  const started = Date.now();
  const code = await fn();
  results.push({ name, ok: code === 0, seconds: Math.round((Date.now() - started) / 1000) });
}

const vitest = (args, env) =>
  run(process.execPath, ["node_modules/vitest/vitest.mjs", "run", ...args], env);

const bin = (pkg, file) => [`node_modules/${pkg}/${file}`];
await suite("lint", () => run(process.execPath, [...bin("eslint", "bin/eslint.js"), "."]));
// Route types come from `next typegen` (cheap, no build), so a stale .next never decides the result.
await suite("typecheck", async () => {
  const code = await run(process.execPath, [...bin("next", "dist/bin/next"), "typegen"]);
  return code || run(process.execPath, [...bin("typescript", "bin/tsc"), "--noEmit"]);
});
await suite("format", () =>
  run(process.execPath, [...bin("prettier", "bin/prettier.cjs"), "--check", "."]),
);
await suite("build", () => ensureBuild());
if (results.every((r) => r.ok)) {
  await suite("unit", () => vitest(["--project", "unit"]));
  await suite("integration (SQLite)", () =>
    vitest(["--project", "integration"], { TEST_DB: "sqlite" }),
  );
  if (process.env.SKIP_POSTGRES === "1") console.log("› SKIP_POSTGRES=1: PostgreSQL suite skipped");
  else
    await suite("integration (PostgreSQL)", () =>
      vitest(["--project", "integration"], { TEST_DB: "postgres" }),
    );
  if (process.env.SKIP_E2E === "1") console.log("› SKIP_E2E=1: e2e suite skipped");
  else if (fs.existsSync("playwright.config.ts"))
    await suite("e2e", () =>
      run(process.execPath, ["node_modules/@playwright/test/cli.js", "test"]),
    );
}

console.log("\nSuites:");
for (const r of results) console.log(`  ${r.ok ? "✓" : "✗"} ${r.name} (${r.seconds}s)`);
const failed = results.filter((r) => !r.ok).length;
console.log(`suites: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
