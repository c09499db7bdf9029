import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..");
export const nextBin = path.join(root, "node_modules/next/dist/bin/next");
/** The production server (scripts/server.mjs): Next.js plus the gateway's lean path. */
export const serverBin = path.join(root, "scripts/server.mjs");
/**
 * What the production server is started with. glibc gives each thread that allocates its own
 * malloc arena (libvips, SQLite's checkpoint worker, libuv's pool: ~24 threads), which showed up
 * as ~70 MB of resident memory doing nothing; two arenas are plenty for one JavaScript thread.
 * An operator's own MALLOC_ARENA_MAX wins.
 */
export const serverEnv = () => ({ MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX || "2" });
export const distDir = () => path.join(root, process.env.NEXT_DIST_DIR || ".next");

/** Runs a command, inheriting stdio; resolves with its exit code. */
export function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
    });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** A fingerprint of everything that goes into the build, to rebuild only when it changed. */
export function sourceFingerprint() {
  const hash = crypto.createHash("sha256");
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const s = fs.statSync(full);
        hash.update(`${path.relative(root, full)}:${s.size}:${s.mtimeMs}\n`);
      }
    }
  };
  for (const d of ["src", "public"]) walk(path.join(root, d));
  for (const f of ["next.config.mjs", "package-lock.json", "postcss.config.mjs", "tsconfig.json"]) {
    const full = path.join(root, f);
    if (fs.existsSync(full)) hash.update(`${f}:${fs.statSync(full).mtimeMs}\n`);
  }
  hash.update(`BUILD_TARGET=${process.env.BUILD_TARGET ?? "web"}`);
  return hash.digest("hex");
}

/** Builds the production app unless the current build already matches the sources. */
export async function ensureBuild({ force = false } = {}) {
  const stamp = path.join(distDir(), "source-fingerprint");
  const fingerprint = sourceFingerprint();
  const fresh =
    fs.existsSync(path.join(distDir(), "BUILD_ID")) &&
    fs.existsSync(stamp) &&
    fs.readFileSync(stamp, "utf8") === fingerprint;
  if (fresh && !force) return 0;
  console.log("› building the production app (next build)…");
  const code = await run(process.execPath, [nextBin, "build"]);
  if (code === 0) fs.writeFileSync(stamp, fingerprint);
  return code;
}
