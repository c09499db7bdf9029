import { describe, expect, it } from "vitest";
import { ifRangeAllows, parseRange } from "@/lib/storage/range";

describe("parseRange", () => {
  const cases: [string | null, number, ReturnType<typeof parseRange>][] = [
    [null, 100, null],
    ["bytes=0-9", 100, { start: 0, end: 9 }],
    ["bytes=90-", 100, { start: 90, end: 99 }],
    ["bytes=-10", 100, { start: 90, end: 99 }],
    ["bytes=-500", 100, { start: 0, end: 99 }],
    ["bytes=50-1000", 100, { start: 50, end: 99 }],
    ["bytes=0-1", 100, { start: 0, end: 1 }],
    ["bytes=100-", 100, "unsatisfiable"],
    ["bytes=-0", 100, "unsatisfiable"],
    ["bytes=200-300", 100, "unsatisfiable"],
    // Not a valid byte range: ignored (RFC 9110 §14.2), so the whole file is served.
    ["bytes=9-3", 100, null],
    ["bytes=-", 100, null],
    ["bytes=abc", 100, null],
    ["bytes=", 100, null],
    ["bytes=1-2-3", 100, null],
    ["bytes = 0-9", 100, { start: 0, end: 9 }],
    ["bytes=0-1,5-6", 100, null],
    ["items=0-1", 100, null],
  ];
  for (const [header, size, expected] of cases) {
    it(`${header} of ${size}`, () => expect(parseRange(header, size)).toEqual(expected));
  }
});

describe("ifRangeAllows", () => {
  const etag = '"1f4-18c"';
  const mtime = new Date("2026-01-02T03:04:05.678Z");
  const cases: [string | null, boolean][] = [
    [null, true],
    [etag, true],
    ['"other"', false],
    [`W/${etag}`, false],
    ["Fri, 02 Jan 2026 03:04:05 GMT", true],
    ["Fri, 02 Jan 2026 03:04:06 GMT", false],
    ["not a date", false],
  ];
  for (const [ifRange, expected] of cases) {
    it(`If-Range ${ifRange}`, () => expect(ifRangeAllows(ifRange, etag, mtime)).toBe(expected));
  }
});
