import { between, f, glow, hsl, linear, pick, type Rand, ridge, stars } from "./svg";

// Landscapes: layered ridges fading into the sky (aerial perspective), a sun or moon, an optional
// lake mirroring it all, birds; and desert dunes under the Milky Way.

export type Sky = "dawn" | "day" | "dusk" | "night";

const SKIES: Record<Sky, { top: string; bottom: string; hue: number; light: number }> = {
  dawn: { top: hsl(220, 45, 38), bottom: hsl(22, 90, 78), hue: 250, light: 0.9 },
  day: { top: hsl(205, 70, 52), bottom: hsl(195, 60, 86), hue: 210, light: 1 },
  dusk: { top: hsl(262, 45, 26), bottom: hsl(18, 88, 62), hue: 285, light: 0.7 },
  night: { top: hsl(230, 55, 8), bottom: hsl(225, 45, 24), hue: 228, light: 0.35 },
};

export function mountains(r: Rand, w: number, h: number, sky: Sky, lake: boolean): string {
  const base = SKIES[sky];
  const shift = between(r, -25, 25);
  const s = { ...base, hue: base.hue + shift };
  const horizon = h * (lake ? between(r, 0.52, 0.6) : between(r, 0.62, 0.72));
  const sunX = w * between(r, 0.25, 0.75);
  const sunY = horizon - h * between(r, 0.12, 0.3);
  const sunR = Math.min(w, h) * (sky === "night" ? 0.05 : 0.07);
  const sunColor = sky === "night" ? "#f4f1e6" : sky === "day" ? "#fffbe8" : hsl(30, 100, 82);
  let scene = `<defs>${linear("sky", [
    [0, s.top],
    [1, s.bottom],
  ])}</defs><rect width="${w}" height="${h}" fill="url(#sky)"/>`;
  scene += `<rect width="${w}" height="${h}" fill="${hsl(s.hue, 60, 50)}" fill-opacity="0.12"/>`;
  if (sky === "night") scene += stars(r, w, h, 160, horizon);
  scene += glow("sun", sunX, sunY, sunR * 6, sunColor, sky === "day" ? 0.5 : 0.45);
  scene += `<circle cx="${f(sunX)}" cy="${f(sunY)}" r="${f(sunR)}" fill="${sunColor}"/>`;
  const layers = 5;
  let land = "";
  for (let i = 0; i < layers; i++) {
    const t = i / (layers - 1);
    const base = horizon - h * 0.18 * (1 - t) + h * 0.02 * i;
    const amp = h * (0.16 - 0.08 * t);
    const light = (78 - 62 * t) * s.light + (sky === "night" ? 4 : 0);
    const color = hsl(s.hue - 20 * t, 28 + 12 * t, Math.max(4, light));
    land += `<path d="${ridge(r, w, lake ? horizon : h, base, amp, 0.52)}" fill="${color}"/>`;
  }
  scene += land;
  if (lake) {
    scene += `<g transform="translate(0 ${f(horizon * 2)}) scale(1 -1)" opacity="0.55">${land}<circle cx="${f(sunX)}" cy="${f(sunY)}" r="${f(sunR)}" fill="${sunColor}"/></g>`;
    scene += `<rect y="${f(horizon)}" width="${w}" height="${f(h - horizon)}" fill="${s.top}" fill-opacity="0.35"/>`;
    for (let i = 0; i < 14; i++) {
      const y = horizon + (h - horizon) * between(r, 0.05, 0.95);
      const x = between(r, -0.1, 0.9) * w;
      scene += `<rect x="${f(x)}" y="${f(y)}" width="${f(w * between(r, 0.1, 0.35))}" height="1.2" fill="#fff" fill-opacity="0.25"/>`;
    }
  }
  if (sky !== "night") {
    for (let i = 0; i < 4 + Math.floor(r() * 4); i++) {
      const bx = w * between(r, 0.15, 0.85);
      const by = h * between(r, 0.1, 0.35);
      const bs = Math.min(w, h) * between(r, 0.012, 0.022);
      scene += `<path d="M${f(bx - bs)} ${f(by)} Q${f(bx - bs / 2)} ${f(by - bs * 0.6)} ${f(bx)} ${f(by)} Q${f(bx + bs / 2)} ${f(by - bs * 0.6)} ${f(bx + bs)} ${f(by)}" fill="none" stroke="${hsl(s.hue, 30, 15)}" stroke-width="${f(bs * 0.25)}" stroke-linecap="round"/>`;
    }
  }
  return scene;
}

export function dunes(r: Rand, w: number, h: number): string {
  const horizon = h * between(r, 0.55, 0.68);
  let scene = `<defs>${linear("sky", [
    [0, hsl(240, 60, 6)],
    [0.7, hsl(250, 45, 16)],
    [1, hsl(20, 60, 30)],
  ])}</defs><rect width="${w}" height="${h}" fill="url(#sky)"/>`;
  scene += stars(r, w, h, 260, horizon);
  // The Milky Way: a tilted band of soft light with dense small stars.
  const angle = between(r, -35, -15);
  const cy = horizon * 0.45;
  scene += `<defs><radialGradient id="band"><stop offset="0" stop-color="${hsl(275, 60, 78)}" stop-opacity="0.32"/><stop offset="1" stop-color="${hsl(275, 60, 78)}" stop-opacity="0"/></radialGradient></defs>`;
  scene += `<g transform="rotate(${f(angle)} ${f(w / 2)} ${f(cy)})"><ellipse cx="${f(w / 2)}" cy="${f(cy)}" rx="${f(Math.max(w, h) * 0.8)}" ry="${f(h * 0.1)}" fill="url(#band)"/>`;
  for (let i = 0; i < 180; i++)
    scene += `<circle cx="${f(between(r, -0.3, 1.3) * w)}" cy="${f(cy + between(r, -1, 1) * h * 0.06)}" r="${f(between(r, 0.3, 0.9))}" fill="#fff" fill-opacity="${f(between(r, 0.3, 0.9))}"/>`;
  scene += `</g>`;
  const colors = [hsl(24, 45, 32), hsl(22, 50, 24), hsl(20, 55, 16), hsl(18, 50, 10)];
  colors.forEach((c, i) => {
    scene += `<path d="${ridge(r, w, h, horizon + i * h * 0.07, h * 0.06, 0.45, true)}" fill="${c}"/>`;
  });
  const tx = w * between(r, 0.2, 0.8);
  const ty = horizon + h * 0.12;
  scene += glow("tent", tx, ty, w * 0.08, hsl(38, 100, 65), 0.7);
  scene += `<path d="M${f(tx - w * 0.03)} ${f(ty + h * 0.02)} L${f(tx)} ${f(ty - h * 0.025)} L${f(tx + w * 0.03)} ${f(ty + h * 0.02)} Z" fill="${hsl(38, 90, 62)}"/>`;
  return scene;
}

export function forest(r: Rand, w: number, h: number, mist: boolean): string {
  const hue = pick(r, [150, 165, 190]);
  let scene = `<defs>${linear("sky", [
    [0, hsl(hue + 20, 25, mist ? 82 : 60)],
    [1, hsl(hue, 20, mist ? 92 : 78)],
  ])}</defs><rect width="${w}" height="${h}" fill="url(#sky)"/>`;
  const rows = 5;
  for (let row = 0; row < rows; row++) {
    const t = row / (rows - 1);
    const base = h * (0.5 + 0.12 * row);
    const color = hsl(hue, 22 + 10 * t, 70 - 58 * t);
    const size = h * (0.12 + 0.1 * t);
    let trees = `<rect y="${f(base)}" width="${w}" height="${f(h - base)}" fill="${color}"/>`;
    for (let x = -size; x < w + size; x += size * between(r, 0.35, 0.6)) {
      const th = size * between(r, 0.8, 1.4);
      const tw = th * 0.32;
      const y = base + between(r, -0.1, 0.15) * size;
      trees += `<path d="M${f(x)} ${f(y - th)} L${f(x + tw)} ${f(y)} L${f(x - tw)} ${f(y)} Z" fill="${color}"/>`;
    }
    scene += trees;
    if (mist && row < rows - 1)
      scene += `<rect y="${f(base - size)}" width="${w}" height="${f(size * 1.6)}" fill="#fff" fill-opacity="0.28"/>`;
  }
  // A cabin with a lit window in the foreground clearing.
  const cx = w * between(r, 0.25, 0.65);
  const cy = h * 0.9;
  const cw = w * 0.16;
  scene += `<rect x="${f(cx)}" y="${f(cy - cw * 0.5)}" width="${f(cw)}" height="${f(cw * 0.5)}" fill="${hsl(20, 30, 18)}"/>`;
  scene += `<path d="M${f(cx - cw * 0.1)} ${f(cy - cw * 0.48)} L${f(cx + cw / 2)} ${f(cy - cw * 0.85)} L${f(cx + cw * 1.1)} ${f(cy - cw * 0.48)} Z" fill="${hsl(10, 25, 12)}"/>`;
  scene += glow("win", cx + cw * 0.3, cy - cw * 0.28, cw * 0.6, hsl(40, 100, 60), 0.6);
  scene += `<rect x="${f(cx + cw * 0.22)}" y="${f(cy - cw * 0.36)}" width="${f(cw * 0.16)}" height="${f(cw * 0.14)}" fill="${hsl(42, 100, 68)}"/>`;
  return scene;
}

export function seaside(r: Rand, w: number, h: number, storm: boolean): string {
  const horizon = h * between(r, 0.5, 0.6);
  const top = storm ? hsl(215, 20, 28) : hsl(210, 50, 45);
  const bottom = storm ? hsl(210, 15, 55) : hsl(30, 80, 80);
  let scene = `<defs>${linear("sky", [
    [0, top],
    [1, bottom],
  ])}${linear("sea", [
    [0, hsl(205, 40, storm ? 30 : 45)],
    [1, hsl(215, 45, storm ? 12 : 22)],
  ])}</defs><rect width="${w}" height="${h}" fill="url(#sky)"/>`;
  for (let i = 0; i < 6; i++) {
    const cy = h * between(r, 0.05, 0.4);
    scene += `<ellipse cx="${f(w * between(r, 0, 1))}" cy="${f(cy)}" rx="${f(w * between(r, 0.2, 0.45))}" ry="${f(h * between(r, 0.02, 0.05))}" fill="#fff" fill-opacity="${storm ? 0.12 : 0.35}"/>`;
  }
  scene += `<rect y="${f(horizon)}" width="${w}" height="${f(h - horizon)}" fill="url(#sea)"/>`;
  for (let i = 0; i < 40; i++) {
    const y = horizon + (h - horizon) * (i / 40) ** 1.5;
    const amp = 1 + (i / 40) * (storm ? 10 : 5);
    let d = `M0 ${f(y)}`;
    for (let x = 0; x <= w; x += w / 12)
      d += ` q${f(w / 48)} ${f(-amp)} ${f(w / 24)} 0 t${f(w / 24)} 0`;
    scene += `<path d="${d}" fill="none" stroke="#fff" stroke-opacity="${f(0.08 + 0.12 * (i / 40))}" stroke-width="${f(0.8 + i / 30)}"/>`;
  }
  // Cliff and lighthouse with its beam.
  const left = r() < 0.5;
  const cliffW = w * 0.34;
  const cx = left ? 0 : w - cliffW;
  const cliffTop = horizon - h * 0.06;
  // A rocky headland: sheer on the sea side, sloping away inland, a few darker rocks at its foot.
  const seaEdge = left ? cx + cliffW : cx;
  const land = left ? cx : cx + cliffW;
  const dir = left ? -1 : 1;
  scene += `<path d="M${f(seaEdge + dir * -w * 0.02)} ${f(h)} L${f(seaEdge)} ${f(cliffTop + h * 0.1)} L${f(seaEdge + dir * w * 0.04)} ${f(cliffTop + h * 0.02)} Q${f(seaEdge + dir * cliffW * 0.5)} ${f(cliffTop - h * 0.015)} ${f(land)} ${f(cliffTop + h * 0.05)} L${f(land)} ${f(h)} Z" fill="${hsl(150, 12, storm ? 14 : 24)}"/>`;
  for (let i = 0; i < 4; i++)
    scene += `<ellipse cx="${f(seaEdge + dir * between(r, -0.06, 0.02) * w)}" cy="${f(h * between(r, 0.86, 0.97))}" rx="${f(w * between(r, 0.02, 0.05))}" ry="${f(h * 0.015)}" fill="${hsl(150, 10, storm ? 9 : 16)}"/>`;
  const lx = seaEdge + dir * cliffW * 0.3;
  const lh = h * 0.2;
  const lw = w * 0.05;
  const ly = cliffTop + h * 0.01;
  scene += `<path d="M${f(lx - lw / 2)} ${f(ly)} L${f(lx - lw * 0.32)} ${f(ly - lh)} L${f(lx + lw * 0.32)} ${f(ly - lh)} L${f(lx + lw / 2)} ${f(ly)} Z" fill="#f5f5f0"/>`;
  for (let i = 1; i < 4; i++)
    scene += `<rect x="${f(lx - lw * 0.45)}" y="${f(ly - (lh * i) / 4)}" width="${f(lw * 0.9)}" height="${f(lh * 0.07)}" fill="${hsl(0, 65, 45)}"/>`;
  const lampY = ly - lh - lw * 0.3;
  scene += `<rect x="${f(lx - lw * 0.3)}" y="${f(lampY - lw * 0.2)}" width="${f(lw * 0.6)}" height="${f(lw * 0.5)}" fill="${hsl(45, 100, 75)}"/>`;
  scene += `<path d="M${f(lx)} ${f(lampY)} L${f(left ? w : 0)} ${f(lampY - h * 0.12)} L${f(left ? w : 0)} ${f(lampY + h * 0.06)} Z" fill="${hsl(48, 100, 85)}" fill-opacity="0.28"/>`;
  scene += glow("lamp", lx, lampY, lw * 2.5, hsl(48, 100, 75), 0.8);
  return scene;
}
