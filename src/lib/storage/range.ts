import type { ByteRange } from "./types";

/**
 * Parses a single-range `Range: bytes=…` header against a size (RFC 9110 §14):
 * - null: serve the whole file — no header, another unit, several ranges (allowed), or a header
 *   that is not a valid byte range at all (`bytes=abc`, `bytes=-`, `bytes=9-3`): §14.2 says to
 *   ignore those, not to refuse them;
 * - "unsatisfiable" (416): a valid range that selects nothing (`bytes=100-` of 100 bytes, `bytes=-0`).
 */
export function parseRange(
  header: string | null,
  size: number,
): ByteRange | "unsatisfiable" | null {
  if (!header) return null;
  const m = /^bytes[ \t]*=[ \t]*(\d*)[ \t]*-[ \t]*(\d*)[ \t]*$/i.exec(header.trim());
  if (!m) return null;
  const [, a, b] = m;
  if (a === "" && b === "") return null;
  if (a === "") {
    const suffix = Number(b);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(a);
  if (b !== "" && Number(b) < start) return null;
  if (start >= size) return "unsatisfiable";
  return { start, end: b === "" ? size - 1 : Math.min(Number(b), size - 1) };
}

/**
 * If-Range (RFC 9110 §13.1.5): the range applies only while the representation is the one the
 * client holds part of — the same strong ETag, or exactly the Last-Modified date. Otherwise the
 * client gets the whole (new) file instead of a piece of it spliced onto an old one.
 */
export function ifRangeAllows(ifRange: string | null, etag: string, lastModified: Date): boolean {
  if (ifRange === null) return true;
  const value = ifRange.trim();
  if (value.startsWith('"') || value.startsWith("W/"))
    return value === etag && !etag.startsWith("W/");
  const date = Date.parse(value);
  return Number.isFinite(date) && date === Math.floor(lastModified.getTime() / 1000) * 1000;
}
