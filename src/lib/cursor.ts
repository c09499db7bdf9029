import { ApiError } from "@/lib/errors";

// Opaque keyset cursors: the sort key and value of the last item plus its id. New rows never
// shift a keyset page, so paging is stable under inserts.

export type Cursor = { k: string; v: string | number; id: string };

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

export function decodeCursor(raw: string, expectedKey: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Cursor;
    if (
      c &&
      c.k === expectedKey &&
      typeof c.id === "string" &&
      (typeof c.v === "string" || typeof c.v === "number")
    ) {
      return c;
    }
  } catch {
    // fall through to the error below
  }
  throw new ApiError("invalid_request", "cursor 无效或与当前排序不匹配", { param: "cursor" });
}
