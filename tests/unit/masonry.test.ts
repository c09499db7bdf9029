import { describe, expect, it } from "vitest";
import {
  brickRatio,
  COLUMN_COUNTS,
  GAP,
  layoutWall,
  placeBricks,
  type Sized,
  wallHeight,
} from "@/lib/gallery/masonry";

// A deterministic mix of the shapes the gallery holds (portraits, squares, landscapes, extremes).
const SHAPES: Sized[] = [
  { width: 9, height: 16 },
  { width: 2, height: 3 },
  { width: 1, height: 1 },
  { width: 16, height: 9 },
  { width: 4, height: 5 },
  { width: 3, height: 2 },
  { width: 1, height: 4 },
  { width: 5, height: 1 },
];
const items = (n: number, offset = 0) =>
  Array.from({ length: n }, (_, i) => SHAPES[(i * 5 + offset) % SHAPES.length]);

describe("placeBricks", () => {
  it("puts the first row left to right, in order", () => {
    const { placements } = placeBricks(items(10), 4);
    expect(placements.slice(0, 4)).toEqual([
      { col: 0, top: 0 },
      { col: 1, top: 0 },
      { col: 2, top: 0 },
      { col: 3, top: 0 },
    ]);
  });

  it("sends each card to the shortest column, the leftmost of equals", () => {
    const list = [
      { width: 1, height: 2 }, // col 0 → 2.05
      { width: 1, height: 1 }, // col 1 → 1.05
      { width: 2, height: 1 }, // col 1 is shortest → 1.6
      { width: 1, height: 1 }, // col 1 still shortest → 2.65
      { width: 1, height: 1 }, // col 0 (2.05) → 3.1
    ];
    const { placements, heights } = placeBricks(list, 2);
    expect(placements.map((p) => p.col)).toEqual([0, 1, 1, 1, 0]);
    expect(placements[2].top).toBeCloseTo(1 + GAP);
    expect(heights[0]).toBeCloseTo(2 + 1 + 2 * GAP);
    expect(heights[1]).toBeCloseTo(1 + 0.5 + 1 + 3 * GAP);
  });

  it("keeps rank order in reading order: tops never go back up, ties read left to right", () => {
    for (const cols of COLUMN_COUNTS) {
      const { placements } = placeBricks(items(60, cols), cols);
      for (let i = 1; i < placements.length; i++) {
        const [a, b] = [placements[i - 1], placements[i]];
        expect(b.top >= a.top, `card ${i} at ${cols} columns`).toBe(true);
        if (b.top === a.top) expect(b.col).toBeGreaterThan(a.col);
      }
    }
  });

  it("is deterministic", () => {
    expect(placeBricks(items(40), 5)).toEqual(placeBricks(items(40), 5));
    expect(layoutWall(items(40))).toEqual(layoutWall(items(40)));
  });

  it("is append-stable: a later page never moves an earlier card", () => {
    for (const cols of COLUMN_COUNTS) {
      const first = placeBricks(items(20), cols);
      const both = placeBricks([...items(20), ...items(20, 3)], cols);
      expect(both.placements.slice(0, 20)).toEqual(first.placements);
      // Continuing from the first page's heights gives the same places as placing all at once.
      const next = placeBricks(items(20, 3), cols, first.heights);
      expect(next.placements).toEqual(both.placements.slice(20));
      expect(next.heights).toEqual(both.heights);
    }
  });

  it("clamps extreme shapes and rejects heights of the wrong length", () => {
    expect(brickRatio({ width: 1, height: 10 })).toBe(0.5);
    expect(brickRatio({ width: 10, height: 1 })).toBe(2);
    expect(brickRatio({ width: 0, height: 0 })).toBe(1);
    expect(() => placeBricks(items(2), 3, [0, 0])).toThrow();
  });
});

describe("layoutWall", () => {
  it("gives every card a place and the wall its height for every column count", () => {
    const list = items(23);
    const { bricks, wall } = layoutWall(list);
    expect(bricks).toHaveLength(23);
    for (const cols of COLUMN_COUNTS) {
      const { placements, heights } = placeBricks(list, cols);
      expect(bricks.map((b) => Number(b[`--c${cols}`]))).toEqual(placements.map((p) => p.col));
      bricks.forEach((b, i) => expect(Number(b[`--t${cols}`])).toBeCloseTo(placements[i].top, 4));
      expect(Number(wall[`--h${cols}`])).toBeCloseTo(wallHeight(heights), 4);
      // The wall is exactly as tall as its lowest card's bottom edge.
      const bottoms = list.map((it, i) => placements[i].top + 1 / brickRatio(it));
      expect(Number(wall[`--h${cols}`])).toBeCloseTo(Math.max(...bottoms), 4);
    }
    expect(layoutWall([]).wall["--h2"]).toBe("0");
  });
});
