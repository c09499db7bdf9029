import "server-only";
import { createReadStream, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  capBytes,
  contentTypeFor,
  isSafeKey,
  mediaUrl,
  type Storage,
  type StoredObject,
} from "./types";

export function localStorage(root: string): Storage {
  // Directories made so far: a burst of results lands in the same day folder.
  const made = new Set<string>();
  const ensureDir = async (dir: string) => {
    if (made.has(dir)) return;
    await fs.mkdir(dir, { recursive: true });
    if (made.size > 10_000) made.clear();
    made.add(dir);
  };
  /** Runs a write in `dir`; if the folder vanished since it was made, makes it again once. */
  const inDir = async <T>(dir: string, write: () => Promise<T>): Promise<T> => {
    await ensureDir(dir);
    try {
      return await write();
    } catch (err) {
      if ((err as { code?: string }).code !== "ENOENT") throw err;
      made.delete(dir);
      await ensureDir(dir);
      return write();
    }
  };
  const fileOf = (key: string) => {
    if (!isSafeKey(key)) throw new Error(`unsafe storage key: ${key}`);
    return path.join(root, key);
  };

  async function stat(key: string): Promise<StoredObject | null> {
    try {
      const s = await fs.stat(fileOf(key));
      if (!s.isFile()) return null;
      return {
        size: s.size,
        contentType: contentTypeFor(key),
        etag: `"${s.size.toString(16)}-${Math.floor(s.mtimeMs).toString(16)}"`,
        mtime: s.mtime,
      };
    } catch {
      return null;
    }
  }

  return {
    async put(key, data) {
      const file = fileOf(key);
      // Write then rename, so a reader never sees a half-written file.
      const tmp = `${file}.${process.pid}.${Date.now()}.part`;
      await inDir(path.dirname(file), () => fs.writeFile(tmp, data));
      await fs.rename(tmp, file);
      return (await stat(key))!;
    },
    async putStream(key, data, opts = {}) {
      const file = fileOf(key);
      // Always (a stream cannot be replayed into a retried write); one mkdir per file is cheap.
      await fs.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.part`;
      try {
        await pipeline(
          Readable.from(capBytes(data, opts.maxBytes)),
          createWriteStream(tmp, { flags: "wx" }),
        );
        await fs.rename(tmp, file);
      } catch (err) {
        data.destroy();
        await fs.rm(tmp, { force: true });
        throw err;
      }
      return (await stat(key))!;
    },
    async get(key, range) {
      const object = await stat(key);
      if (!object) return null;
      const stream = createReadStream(
        fileOf(key),
        range ? { start: range.start, end: range.end } : {},
      );
      return { stream, object };
    },
    stat,
    async delete(key) {
      await fs.rm(fileOf(key), { force: true });
    },
    url: mediaUrl,
  };
}
