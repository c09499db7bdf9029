import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { secrets } from "@/lib/env";

// Provider keys at rest: AES-256-GCM, a fresh 12-byte IV per value, and the id of the key that
// sealed it, so ENCRYPTION_KEY can be rotated: during a rotation ENCRYPTION_KEY_PREVIOUS still
// opens old values and `npm run keys:rotate` re-seals them under the current key.
// Format: v1:<keyId>:<iv>:<tag>:<ciphertext>, each part base64url.

const VERSION = "v1";

/** A short, non-secret fingerprint of a key (first 8 base64url chars of its SHA-256). */
export function keyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("base64url").slice(0, 8);
}

export function encryptWith(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    VERSION,
    keyId(key),
    iv.toString("base64url"),
    tag.toString("base64url"),
    ct.toString("base64url"),
  ].join(":");
}

/** Opens a sealed value with whichever of `keys` sealed it; tampering or an unknown key throws. */
export function decryptWith(keys: Buffer[], sealed: string): string {
  const parts = sealed.split(":");
  if (parts.length !== 5 || parts[0] !== VERSION)
    throw new Error("encrypted value has an unknown format");
  const [, kid, iv, tag, ct] = parts;
  const key = keys.find((k) => keyId(k) === kid);
  if (!key)
    throw new Error(
      `encrypted value was sealed with an unknown key (${kid}); set ENCRYPTION_KEY_PREVIOUS`,
    );
  const ivBuf = Buffer.from(iv, "base64url");
  const tagBuf = Buffer.from(tag, "base64url");
  if (ivBuf.length !== 12 || tagBuf.length !== 16) throw new Error("encrypted value is corrupt");
  const decipher = createDecipheriv("aes-256-gcm", key, ivBuf);
  decipher.setAuthTag(tagBuf);
  try {
    return Buffer.concat([
      decipher.update(Buffer.from(ct, "base64url")),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    throw new Error("encrypted value failed authentication (tampered or wrong key)");
  }
}

function activeKeys(): Buffer[] {
  const s = secrets();
  return s.previousEncryptionKey ? [s.encryptionKey, s.previousEncryptionKey] : [s.encryptionKey];
}

export const encryptSecret = (plaintext: string): string =>
  encryptWith(secrets().encryptionKey, plaintext);
export const decryptSecret = (sealed: string): string => decryptWith(activeKeys(), sealed);

/** True when `sealed` is not under the current key (rotation still has work to do). */
export function isSealedWithCurrentKey(sealed: string): boolean {
  return sealed.split(":")[1] === keyId(secrets().encryptionKey);
}
