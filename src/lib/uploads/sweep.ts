import "server-only";
import fs from "node:fs/promises";
import path from "node:path";

/**
 * Removes upload temp directories left behind by a process that died mid-request. Only entries
 * older than `olderThanMs` go, so a sibling instance sharing DATA_DIR keeps its live uploads.
 */
export async function sweepTempDir(dir: string, olderThanMs: number): Promise<number> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return 0;
  }
  const cutoff = Date.now() - olderThanMs;
  let removed = 0;
  for (const name of names) {
    const full = path.join(dir, name);
    const stat = await fs.stat(full).catch(() => null);
    if (!stat || stat.mtimeMs > cutoff) continue;
    await fs.rm(full, { recursive: true, force: true });
    removed++;
  }
  return removed;
}

const HOUR = 3600_000;

/**
 * At boot, clears leftovers older than a minute (a restarted process has no live uploads; the
 * margin spares a sibling instance's), then hourly anything older than an hour, which no live
 * upload reaches (bodies are capped and provider calls time out).
 */
export async function startTempSweeper(dir: string): Promise<number> {
  const removed = await sweepTempDir(dir, 60_000);
  const timer = setInterval(() => void sweepTempDir(dir, HOUR).catch(() => undefined), HOUR);
  timer.unref();
  return removed;
}
