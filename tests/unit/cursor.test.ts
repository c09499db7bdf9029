import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "@/lib/cursor";
import { ApiError } from "@/lib/errors";

describe("cursor", () => {
  it("round-trips numbers, strings and ids", () => {
    for (const c of [
      { k: "hot", v: 154.762265724, id: "seed-img-01" },
      { k: "new", v: "2026-11-21T10:00:00.000Z", id: "a_b-c" },
    ]) {
      const raw = encodeCursor(c);
      expect(raw).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(raw, c.k)).toEqual(c);
    }
  });
  it("rejects garbage and cursors of another sort with a 400", () => {
    const hot = encodeCursor({ k: "hot", v: 1, id: "x" });
    for (const [raw, key] of [
      ["garbage", "hot"],
      ["", "hot"],
      [hot, "new"],
      [Buffer.from('{"k":"hot","v":{},"id":"x"}').toString("base64url"), "hot"],
      [Buffer.from('{"k":"hot","v":1}').toString("base64url"), "hot"],
    ]) {
      try {
        decodeCursor(raw, key);
        expect.unreachable(`accepted ${raw}`);
      } catch (err) {
        expect(err).toBeInstanceOf(ApiError);
        expect((err as ApiError).status).toBe(400);
        expect((err as ApiError).options.param).toBe("cursor");
      }
    }
  });
});
