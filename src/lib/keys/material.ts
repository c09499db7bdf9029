import "server-only";
import { createHash, randomBytes } from "node:crypto";

// Personal API key material: `sk-` + 40 random base62 characters (~238 bits). Only a SHA-256 of
// the key is stored — a key that random needs no slow hash, and the lookup by hash stays one
// indexed read — plus a display prefix and suffix so people can tell their keys apart.

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const BODY_LENGTH = 40;
export const KEY_PREFIX = "sk-";
export const KEY_PATTERN = /^sk-[A-Za-z0-9]{40}$/;

export type KeyMaterial = { key: string; hash: string; prefix: string; suffix: string };

function randomBody(): string {
  let out = "";
  while (out.length < BODY_LENGTH) {
    for (const byte of randomBytes(64)) {
      // 248 = 4 × 62: bytes above it would make the first characters likelier (modulo bias).
      if (byte < 248 && out.length < BODY_LENGTH) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

export const hashKey = (key: string): string => createHash("sha256").update(key).digest("hex");

export function generateKey(): KeyMaterial {
  const key = KEY_PREFIX + randomBody();
  return { key, hash: hashKey(key), prefix: key.slice(0, 7), suffix: key.slice(-4) };
}

/** Whether a bearer credential is meant as a personal key (rather than a login token). */
export const isKeyShaped = (credential: string): boolean => credential.startsWith(KEY_PREFIX);
