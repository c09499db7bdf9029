import "server-only";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

// Upload temp directories are named after the process that owns them
// (`upload-<host>-<pid>-<random>`), so a restarted process can tell its dead predecessor's
// leftovers (remove now, however fresh) from a live sibling's uploads on a shared DATA_DIR.

const host = os.hostname().replace(/[^A-Za-z0-9.]/g, "_");
const OWNED = /^upload-(.+)-(\d+)-[^-]+$/;

/** The mkdtemp prefix of this process's upload directories. */
export const uploadDirPrefix = () => `upload-${host}-${process.pid}-`;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * True for an entry no live process can still be using: made on this host by a process that is
 * gone, or by an earlier process with our pid (a restarted container); called only at boot,
 * before this process has uploads of its own.
 */
function orphanedHere(name: string): boolean {
  const m = OWNED.exec(name);
  if (!m || m[1] !== host) return false;
  const pid = Number(m[2]);
  return pid === process.pid || !pidAlive(pid);
}

/**
 * Removes entries older than `olderThanMs`, and (with `orphans`) every orphan of this host
 * whatever its age. Others' fresh entries stay: a sibling instance may be mid-upload.
 */
export async function sweepTempDir(
  dir: string,
  olderThanMs: number,
  { orphans = false } = {},
): Promise<number> {
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
    if (!stat) continue;
    if (stat.mtimeMs > cutoff && !(orphans && orphanedHere(name))) continue;
    await fs.rm(full, { recursive: true, force: true });
    removed++;
  }
  return removed;
}

const HOUR = 3600_000;

/**
 * At boot, clears every orphan of this host at once and anything else older than a minute, then
 * hourly anything older than an hour, which no live upload reaches (bodies are capped and
 * provider calls time out).
 */
export async function startTempSweeper(dir: string): Promise<number> {
  const removed = await sweepTempDir(dir, 60_000, { orphans: true });
  const timer = setInterval(() => void sweepTempDir(dir, HOUR).catch(() => undefined), HOUR);
  timer.unref();
  return removed;
}
