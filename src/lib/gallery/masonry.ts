// Masonry placement in rank order. Pure and shared by the server (first page) and the browser
// (later pages), so both put every card in the same place.
//
// Each card goes to the column that is currently shortest (the leftmost of equals), in the order
// the API returns them: reading the wall left to right, top to bottom follows the rank, and the
// top edges never go back up. A card's place depends only on the cards before it, so appending a
// page never moves a card already shown. Heights are measured in column widths (a card's height is
// its width ÷ aspect ratio, the gap a fixed fraction of the width), so one placement holds at any
// pixel width and the browser only has to scale it.

/** Column counts the wall switches between, by its own width (see Masonry.module.css). */
export const COLUMN_COUNTS = [2, 3, 4, 5, 6] as const;
export type ColumnCount = (typeof COLUMN_COUNTS)[number];

/** The gap between cards, as a fraction of the column width. */
export const GAP = 0.05;

// Panoramas and very tall strips are cropped to these ratios (width ÷ height) on the wall.
const MIN_RATIO = 1 / 2;
const MAX_RATIO = 2;

export type Sized = { width: number; height: number };

/** The card's shape on the wall: the work's aspect ratio, clamped. */
export function brickRatio({ width, height }: Sized): number {
  const r = width > 0 && height > 0 ? width / height : 1;
  return Math.min(MAX_RATIO, Math.max(MIN_RATIO, r));
}

export type Placement = { col: number; top: number };
export type Placed = { placements: Placement[]; heights: number[] };

/**
 * Places `items` on `columns` columns, continuing from `heights` (the column heights after the
 * cards already placed) when given.
 */
export function placeBricks(items: Sized[], columns: number, heights?: number[]): Placed {
  const cols = Math.max(1, Math.floor(columns));
  const h = heights ? [...heights] : new Array<number>(cols).fill(0);
  if (h.length !== cols) throw new Error("heights must have one entry per column");
  const placements = items.map((item) => {
    let col = 0;
    for (let c = 1; c < cols; c++) if (h[c] < h[col]) col = c;
    const top = h[col];
    h[col] = top + 1 / brickRatio(item) + GAP;
    return { col, top };
  });
  return { placements, heights: h };
}

/** The wall's height in column widths: the tallest column, without its trailing gap. */
export function wallHeight(heights: number[]): number {
  const tallest = Math.max(0, ...heights);
  return tallest > 0 ? tallest - GAP : 0;
}

/** CSS custom properties of one card: its column and top for every column count. */
export type BrickVars = Record<`--c${ColumnCount}` | `--t${ColumnCount}`, string>;
/** CSS custom properties of the wall: its height for every column count. */
export type WallVars = Record<`--h${ColumnCount}`, string>;

const num = (n: number) => String(Math.round(n * 1e5) / 1e5);

/** Every card's place and the wall's height, for every column count the wall may show. */
export function layoutWall(items: Sized[]): { bricks: BrickVars[]; wall: WallVars } {
  const bricks = items.map(() => ({}) as BrickVars);
  const wall = {} as WallVars;
  for (const cols of COLUMN_COUNTS) {
    const { placements, heights } = placeBricks(items, cols);
    placements.forEach((p, i) => {
      bricks[i][`--c${cols}`] = String(p.col);
      bricks[i][`--t${cols}`] = num(p.top);
    });
    wall[`--h${cols}`] = num(wallHeight(heights));
  }
  return { bricks, wall };
}
