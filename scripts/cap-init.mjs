#!/usr/bin/env node
// `npm run cap:init`: creates the native projects (android/, ios/) once, from out-cap/.
// Android can be generated anywhere; iOS needs macOS (Xcode, CocoaPods), so it is skipped elsewhere.
import fs from "node:fs";
import path from "node:path";
import { root, run } from "./lib.mjs";

if (!fs.existsSync(path.join(root, "out-cap", "index.html"))) {
  console.error(
    "out-cap/index.html is missing: run `NEXT_PUBLIC_API_BASE_URL=https://your.server npm run build:cap` first.",
  );
  process.exit(1);
}
const platforms = ["android", ...(process.platform === "darwin" ? ["ios"] : [])];
const cap = path.join(root, "node_modules", "@capacitor", "cli", "bin", "capacitor");
const missing = platforms.filter(
  (p) => !fs.existsSync(path.join(root, "node_modules", "@capacitor", p)),
);
if (missing.length) {
  const pkgs = missing.map((p) => `@capacitor/${p}@^7`).join(" ");
  console.error(
    `The native platform packages are not installed. Run once:\n  npm install --save-dev ${pkgs}\nthen npm run cap:init again.`,
  );
  process.exit(1);
}
if (process.platform !== "darwin")
  console.log("› not on macOS: skipping the iOS project (run `npm run cap:init` again on a Mac)");
for (const p of platforms) {
  if (fs.existsSync(path.join(root, p))) {
    console.log(`› ${p}/ already exists`);
    continue;
  }
  const code = await run(process.execPath, [cap, "add", p]);
  if (code !== 0) process.exit(code);
}
