import { between, f, glow, hsl, linear, pick, type Rand, stars } from "./svg";

// Cityscapes: three layers of towers with lit windows, neon signs, a moon, and the street
// reflecting it all on a rainy night; or a clean skyline at golden hour.

export function city(r: Rand, w: number, h: number, night: boolean, rain: boolean): string {
  const neon = [hsl(320, 100, 62), hsl(185, 100, 55), hsl(50, 100, 60), hsl(270, 100, 68)];
  const ground = h * (rain ? 0.72 : 0.86);
  let scene = `<defs>${linear(
    "sky",
    night
      ? [
          [0, hsl(250, 60, 8)],
          [0.7, hsl(285, 50, 22)],
          [1, hsl(330, 60, 38)],
        ]
      : [
          [0, hsl(210, 55, 60)],
          [0.75, hsl(35, 85, 75)],
          [1, hsl(20, 90, 68)],
        ],
  )}</defs><rect width="${w}" height="${h}" fill="url(#sky)"/>`;
  if (night) {
    scene += stars(r, w, h, 60, ground * 0.5);
    const mx = w * between(r, 0.6, 0.85);
    const my = h * between(r, 0.1, 0.2);
    scene += glow("moon", mx, my, w * 0.18, hsl(45, 60, 90), 0.35);
    scene += `<circle cx="${f(mx)}" cy="${f(my)}" r="${f(w * 0.045)}" fill="${hsl(45, 50, 92)}"/>`;
  } else {
    scene += glow(
      "sun",
      w * between(r, 0.2, 0.8),
      ground - h * 0.08,
      w * 0.35,
      hsl(40, 100, 85),
      0.8,
    );
  }
  let skyline = "";
  for (let layer = 0; layer < 3; layer++) {
    const t = layer / 2;
    const color = night ? hsl(255, 35, 16 - 9 * t) : hsl(220, 25, 58 - 26 * t);
    let x = -between(r, 0, w * 0.05);
    while (x < w) {
      const bw = w * between(r, 0.06, 0.14) * (1 - 0.2 * t);
      const bh = h * between(r, 0.18, 0.5) * (1 - 0.25 * t) * (rain ? 0.85 : 1);
      const top = ground - bh;
      skyline += `<rect x="${f(x)}" y="${f(top)}" width="${f(bw)}" height="${f(bh)}" fill="${color}"/>`;
      if (r() < 0.25)
        skyline += `<rect x="${f(x + bw * 0.45)}" y="${f(top - bh * 0.12)}" width="${f(Math.max(1, bw * 0.06))}" height="${f(bh * 0.12)}" fill="${color}"/>`;
      if (layer > 0) {
        const win = Math.max(2, bw / 9);
        for (let wy = top + win; wy < ground - win; wy += win * 2.2) {
          for (let wx = x + win * 0.8; wx < x + bw - win; wx += win * 1.8) {
            if (r() < (night ? 0.42 : 0.12)) {
              const lit = night
                ? pick(r, [hsl(45, 100, 72), hsl(40, 90, 62), hsl(190, 80, 75)])
                : hsl(200, 40, 85);
              skyline += `<rect x="${f(wx)}" y="${f(wy)}" width="${f(win)}" height="${f(win * 1.1)}" fill="${lit}" fill-opacity="${night ? 0.9 : 0.6}"/>`;
            }
          }
        }
        if (night && r() < 0.3) {
          const c = pick(r, neon);
          const sy = top + bh * between(r, 0.15, 0.5);
          skyline += glow(`n${layer}${Math.floor(x)}`, x + bw / 2, sy, bw * 0.9, c, 0.45);
          skyline += `<rect x="${f(x + bw * 0.15)}" y="${f(sy - bw * 0.12)}" width="${f(bw * 0.7)}" height="${f(bw * 0.24)}" rx="${f(bw * 0.06)}" fill="none" stroke="${c}" stroke-width="${f(Math.max(1.2, bw * 0.035))}"/>`;
        }
      }
      x += bw + w * between(r, 0.002, 0.02);
    }
  }
  scene += skyline;
  scene += `<rect y="${f(ground)}" width="${w}" height="${f(h - ground)}" fill="${night ? hsl(250, 40, 7) : hsl(220, 20, 30)}"/>`;
  if (rain) {
    scene += `<g transform="translate(0 ${f(ground * 2)}) scale(1 -1)" opacity="0.35">${skyline}</g>`;
    for (let i = 0; i < 26; i++) {
      const y = ground + (h - ground) * r();
      scene += `<rect x="${f(r() * w)}" y="${f(y)}" width="${f(w * between(r, 0.05, 0.2))}" height="1.5" fill="${pick(r, neon)}" fill-opacity="0.35"/>`;
    }
    let drops = "";
    for (let i = 0; i < 140; i++) {
      const x = r() * w;
      const y = r() * h;
      drops += `M${f(x)} ${f(y)} l${f(-h * 0.006)} ${f(h * 0.03)}`;
    }
    scene += `<path d="${drops}" stroke="#fff" stroke-opacity="0.28" stroke-width="1"/>`;
  }
  return scene;
}
