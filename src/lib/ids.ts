import { randomBytes } from "node:crypto";

/** Short, URL-safe, random ids (128 bits). */
export function newId(prefix = ""): string {
  return prefix + randomBytes(16).toString("base64url");
}
