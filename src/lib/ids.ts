import { randomBytes } from "node:crypto";

// Random bytes are drawn from the CSPRNG a page at a time: a billed call makes several ids, and
// one randomBytes call per id cost more than the rest of building them.
const PAGE = 4096;
let page = Buffer.alloc(0);
let offset = PAGE;

function random(bytes: number): string {
  if (offset + bytes > page.length) {
    page = randomBytes(PAGE);
    offset = 0;
  }
  const id = page.toString("base64url", offset, offset + bytes);
  offset += bytes;
  return id;
}

/** Short, URL-safe, random ids (128 bits). */
export function newId(prefix = ""): string {
  return prefix + random(16);
}

/**
 * Ids that sort by creation time (the millisecond in 9 base-36 digits, then 96 random bits), for
 * rows written on every billed call and never updated in their key (ledger rows, usage rows).
 * A random key puts each insert on a random leaf of the table's primary-key index: one more page
 * to read and to write to the WAL per row, more so as the table outgrows the cache. These land
 * on the index's last leaf, like the rows themselves.
 */
export function newTimeId(prefix = ""): string {
  return prefix + Date.now().toString(36).padStart(9, "0") + random(12);
}
