import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptWith, encryptWith, keyId } from "@/lib/crypto";

const keyA = randomBytes(32);
const keyB = randomBytes(32);

describe("provider key encryption", () => {
  it("round-trips, with a fresh IV every time and the key id in the prefix", () => {
    const secret = "sk-live-这是一个密钥-0123456789";
    const a = encryptWith(keyA, secret);
    const b = encryptWith(keyA, secret);
    expect(a).not.toBe(b);
    expect(a.startsWith(`v1:${keyId(keyA)}:`)).toBe(true);
    expect(a).not.toContain(secret);
    expect(a.split(":")).toHaveLength(5);
    expect(Buffer.from(a.split(":")[2], "base64url")).toHaveLength(12);
    expect(decryptWith([keyA], a)).toBe(secret);
    expect(decryptWith([keyA], encryptWith(keyA, ""))).toBe("");
  });

  it("fails loudly on any tampering", () => {
    const sealed = encryptWith(keyA, "sk-secret-value");
    const parts = sealed.split(":");
    const flip = (s: string) => {
      const buf = Buffer.from(s, "base64url");
      buf[0] ^= 1;
      return buf.toString("base64url");
    };
    for (const i of [2, 3, 4]) {
      const bad = [...parts];
      bad[i] = flip(bad[i]);
      expect(() => decryptWith([keyA], bad.join(":")), `part ${i}`).toThrow(/tampered|corrupt/);
    }
    expect(() => decryptWith([keyA], sealed.replace(/^v1/, "v9"))).toThrow(/format/);
    expect(() => decryptWith([keyA], "garbage")).toThrow(/format/);
    // A value re-labelled with another key id must not open.
    const relabelled = [parts[0], keyId(keyB), ...parts.slice(2)].join(":");
    expect(() => decryptWith([keyA, keyB], relabelled)).toThrow(/tampered/);
  });

  it("rotates: the previous key still opens old values; without it they are refused", () => {
    const old = encryptWith(keyA, "sk-old");
    // During rotation: current = B, previous = A.
    expect(decryptWith([keyB, keyA], old)).toBe("sk-old");
    const resealed = encryptWith(keyB, decryptWith([keyB, keyA], old));
    expect(resealed.split(":")[1]).toBe(keyId(keyB));
    // After rotation, the previous key is dropped: new values open, old ones name the missing key.
    expect(decryptWith([keyB], resealed)).toBe("sk-old");
    expect(() => decryptWith([keyB], old)).toThrow(/unknown key/);
  });
});
