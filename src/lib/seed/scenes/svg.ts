// Small helpers for the demo scenes: numbers rounded for short SVG, colours in HSL so a scene can
// shade one hue into depth, and the shapes several scenes share (ridges, stars, glows).

export type Rand = () => number;

export const f = (n: number) => (Math.round(n * 10) / 10).toString();
export const hsl = (h: number, s: number, l: number, a = 1) =>
  a >= 1
    ? `hsl(${f(((h % 360) + 360) % 360)} ${f(s)}% ${f(l)}%)`
    : `hsl(${f(((h % 360) + 360) % 360)} ${f(s)}% ${f(l)}% / ${f(a)})`;

export const between = (r: Rand, lo: number, hi: number) => lo + r() * (hi - lo);
export const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)];

/** A mountain or dune line across the width: midpoint displacement, closed to the bottom. */
export function ridge(
  r: Rand,
  w: number,
  h: number,
  baseY: number,
  amplitude: number,
  roughness = 0.55,
  smooth = false,
): string {
  const n = 64;
  const ys = new Array<number>(n + 1).fill(0);
  ys[0] = baseY + between(r, -amplitude, amplitude) * 0.5;
  ys[n] = baseY + between(r, -amplitude, amplitude) * 0.5;
  let step = n;
  let amp = amplitude;
  while (step > 1) {
    const half = step / 2;
    for (let i = half; i < n; i += step)
      ys[i] = (ys[i - half] + ys[i + half]) / 2 + between(r, -amp, amp);
    amp *= roughness;
    step = half;
  }
  const pts = ys.map((y, i) => [(i / n) * w, y] as const);
  let d = `M0 ${f(h)} L${f(pts[0][0])} ${f(pts[0][1])}`;
  if (smooth) {
    for (let i = 1; i < pts.length; i++) {
      const [x0, y0] = pts[i - 1];
      const [x1, y1] = pts[i];
      d += ` Q${f(x0)} ${f(y0)} ${f((x0 + x1) / 2)} ${f((y0 + y1) / 2)}`;
    }
    d += ` L${f(w)} ${f(pts[n][1])}`;
  } else {
    for (const [x, y] of pts.slice(1)) d += ` L${f(x)} ${f(y)}`;
  }
  return `${d} L${f(w)} ${f(h)} Z`;
}

export function stars(r: Rand, w: number, h: number, count: number, maxY = h): string {
  let out = "";
  for (let i = 0; i < count; i++) {
    const s = r() < 0.08 ? between(r, 1.2, 2) : between(r, 0.4, 1.1);
    out += `<circle cx="${f(r() * w)}" cy="${f(r() * maxY)}" r="${f(s)}" fill="#fff" fill-opacity="${f(between(r, 0.35, 1))}"/>`;
  }
  return out;
}

/** A soft round glow (sun, moon halo, lamp): a radial gradient defined inline. */
export function glow(id: string, cx: number, cy: number, radius: number, color: string, a = 0.8) {
  return `<defs><radialGradient id="${id}"><stop offset="0" stop-color="${color}" stop-opacity="${a}"/><stop offset="1" stop-color="${color}" stop-opacity="0"/></radialGradient></defs><circle cx="${f(cx)}" cy="${f(cy)}" r="${f(radius)}" fill="url(#${id})"/>`;
}

export function linear(id: string, stops: [number, string][], vertical = true): string {
  const dir = vertical ? 'x1="0" y1="0" x2="0" y2="1"' : 'x1="0" y1="0" x2="1" y2="0"';
  return `<linearGradient id="${id}" ${dir}>${stops.map(([o, c]) => `<stop offset="${o}" stop-color="${c}"/>`).join("")}</linearGradient>`;
}

/** Fine film grain over the whole picture, so flat fills read as painted rather than vector. */
export function grain(w: number, h: number, seed: number, strength = 0.06): string {
  return `<filter id="grain" x="0" y="0" width="100%" height="100%"><feTurbulence type="fractalNoise" baseFrequency="0.9" numOctaves="1" seed="${seed}"/><feColorMatrix values="0 0 0 0 0.5  0 0 0 0 0.5  0 0 0 0 0.5  0 0 0 ${strength} 0"/></filter><rect width="${w}" height="${h}" filter="url(#grain)"/>`;
}
