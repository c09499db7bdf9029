import type { ByteRange } from "./types";

/**
 * Parses a single-range `Range: bytes=…` header against a size.
 * Returns null when there is no usable header (serve the whole file),
 * "unsatisfiable" for a syntactically valid range outside the file (416).
 * Multi-range requests are answered with the whole file, which RFC 9110 allows.
 */
export function parseRange(
  header: string | null,
  size: number,
): ByteRange | "unsatisfiable" | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m)
    return header.trim().startsWith("bytes=") && !header.includes(",") ? "unsatisfiable" : null;
  const [, a, b] = m;
  if (a === "" && b === "") return "unsatisfiable";
  if (a === "") {
    const suffix = Number(b);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(a);
  const end = b === "" ? size - 1 : Math.min(Number(b), size - 1);
  if (start >= size || start > end) return "unsatisfiable";
  return { start, end };
}
