import { randomBytes } from "node:crypto";

// Random bytes are drawn from the CSPRNG a page at a time: a billed call makes several ids, and
// one randomBytes call per id cost more than the rest of building them.
const PAGE = 4096;
let page = Buffer.alloc(0);
let offset = PAGE;

/** Short, URL-safe, random ids (128 bits). */
export function newId(prefix = ""): string {
  if (offset + 16 > page.length) {
    page = randomBytes(PAGE);
    offset = 0;
  }
  const id = page.toString("base64url", offset, offset + 16);
  offset += 16;
  return prefix + id;
}
