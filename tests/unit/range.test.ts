import { describe, expect, it } from "vitest";
import { parseRange } from "@/lib/storage/range";

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
    ["bytes=9-3", 100, "unsatisfiable"],
    ["bytes=-0", 100, "unsatisfiable"],
    ["bytes=-", 100, "unsatisfiable"],
    ["bytes=abc", 100, "unsatisfiable"],
    ["bytes=0-1,5-6", 100, null],
    ["items=0-1", 100, null],
  ];
  for (const [header, size, expected] of cases) {
    it(`${header} of ${size}`, () => expect(parseRange(header, size)).toEqual(expected));
  }
});
