import { between, f, glow, hsl, linear, pick, type Rand, stars } from "./svg";

// Space, the deep sea and a still life: subjects that read at thumbnail size by one bold shape.

export function planet(r: Rand, w: number, h: number): string {
  const hue = between(r, 0, 360);
  let s = `<rect width="${w}" height="${h}" fill="${hsl(240, 40, 5)}"/>`;
  for (let i = 0; i < 3; i++)
    s += glow(
      `neb${i}`,
      w * r(),
      h * r(),
      Math.max(w, h) * between(r, 0.3, 0.6),
      hsl(hue + between(r, -60, 60), 70, 50),
      0.25,
    );
  s += stars(r, w, h, 220);
  const pr = Math.min(w, h) * between(r, 0.22, 0.32);
  const px = w * between(r, 0.35, 0.65);
  const py = h * between(r, 0.4, 0.6);
  s += `<defs><radialGradient id="pl" cx="0.35" cy="0.35" r="0.75"><stop offset="0" stop-color="${hsl(hue, 60, 72)}"/><stop offset="0.6" stop-color="${hsl(hue + 20, 55, 42)}"/><stop offset="1" stop-color="${hsl(hue + 40, 60, 12)}"/></radialGradient><clipPath id="pc"><circle cx="${f(px)}" cy="${f(py)}" r="${f(pr)}"/></clipPath></defs>`;
  const tilt = between(r, -25, -8);
  const ring = (half: "back" | "front") =>
    `<g transform="rotate(${f(tilt)} ${f(px)} ${f(py)})"><path d="M${f(px - pr * 2)} ${f(py)} A${f(pr * 2)} ${f(pr * 0.45)} 0 0 ${half === "back" ? 1 : 0} ${f(px + pr * 2)} ${f(py)}" fill="none" stroke="${hsl(hue + 40, 50, 78)}" stroke-opacity="0.75" stroke-width="${f(pr * 0.16)}"/><path d="M${f(px - pr * 1.7)} ${f(py)} A${f(pr * 1.7)} ${f(pr * 0.37)} 0 0 ${half === "back" ? 1 : 0} ${f(px + pr * 1.7)} ${f(py)}" fill="none" stroke="${hsl(hue + 60, 40, 85)}" stroke-opacity="0.5" stroke-width="${f(pr * 0.06)}"/></g>`;
  s += ring("back");
  s += `<circle cx="${f(px)}" cy="${f(py)}" r="${f(pr)}" fill="url(#pl)"/>`;
  let bands = "";
  for (let i = 0; i < 7; i++)
    bands += `<ellipse cx="${f(px)}" cy="${f(py - pr + (i + 0.5) * ((2 * pr) / 7))}" rx="${f(pr * 1.2)}" ry="${f(pr * 0.06)}" fill="${hsl(hue + 30, 40, 80)}" fill-opacity="0.18"/>`;
  s += `<g clip-path="url(#pc)">${bands}</g>`;
  s += ring("front");
  const mr = pr * 0.16;
  s += `<circle cx="${f(px + pr * between(r, 1.6, 2.2) * (r() < 0.5 ? -1 : 1))}" cy="${f(py - pr * between(r, 0.9, 1.4))}" r="${f(mr)}" fill="${hsl(hue + 180, 15, 70)}"/>`;
  return s;
}

export function deepSea(r: Rand, w: number, h: number): string {
  const hue = pick(r, [190, 200, 280, 320]);
  let s = `<defs>${linear("sea", [
    [0, hsl(205, 70, 18)],
    [1, hsl(225, 70, 4)],
  ])}</defs><rect width="${w}" height="${h}" fill="url(#sea)"/>`;
  for (let i = 0; i < 5; i++)
    s += `<path d="M${f(w * between(r, 0.1, 0.9))} 0 L${f(w * between(r, 0, 1))} ${f(h)} L${f(w * between(r, 0, 1))} ${f(h)} Z" fill="#fff" fill-opacity="0.04"/>`;
  for (let i = 0; i < 70; i++)
    s += `<circle cx="${f(r() * w)}" cy="${f(r() * h)}" r="${f(between(r, 0.5, 2))}" fill="${hsl(hue, 80, 80)}" fill-opacity="${f(between(r, 0.2, 0.6))}"/>`;
  const count = 2 + Math.floor(r() * 3);
  for (let j = 0; j < count; j++) {
    const size = Math.min(w, h) * (j === 0 ? 0.24 : between(r, 0.08, 0.14));
    const jx = j === 0 ? w * 0.5 : w * between(r, 0.12, 0.88);
    const jy = j === 0 ? h * 0.38 : h * between(r, 0.15, 0.75);
    const c = hsl(hue + between(r, -20, 20), 90, 70);
    s += glow(`jg${j}`, jx, jy, size * 1.8, c, 0.35);
    let tent = "";
    for (let t = 0; t < 7; t++) {
      const x0 = jx - size * 0.8 + (t / 6) * size * 1.6;
      const len = size * between(r, 1.4, 2.6);
      tent += `M${f(x0)} ${f(jy)} q${f(size * between(r, -0.4, 0.4))} ${f(len / 2)} ${f(size * between(r, -0.2, 0.2))} ${f(len)}`;
    }
    s += `<path d="${tent}" fill="none" stroke="${c}" stroke-opacity="0.55" stroke-width="${f(size * 0.03)}" stroke-linecap="round"/>`;
    s += `<path d="M${f(jx - size)} ${f(jy)} Q${f(jx - size)} ${f(jy - size * 1.1)} ${f(jx)} ${f(jy - size * 1.1)} Q${f(jx + size)} ${f(jy - size * 1.1)} ${f(jx + size)} ${f(jy)} Q${f(jx)} ${f(jy + size * 0.25)} ${f(jx - size)} ${f(jy)} Z" fill="${c}" fill-opacity="0.55" stroke="${hsl(hue, 100, 88)}" stroke-width="${f(size * 0.03)}"/>`;
    s += `<ellipse cx="${f(jx)}" cy="${f(jy - size * 0.45)}" rx="${f(size * 0.45)}" ry="${f(size * 0.3)}" fill="#fff" fill-opacity="0.25"/>`;
  }
  return s;
}

export function stillLife(r: Rand, w: number, h: number): string {
  const wall = pick(r, [hsl(35, 30, 82), hsl(200, 20, 75), hsl(15, 35, 70), hsl(150, 15, 70)]);
  const table = h * between(r, 0.62, 0.7);
  let s = `<rect width="${w}" height="${h}" fill="${wall}"/>`;
  s += `<path d="M${f(w * 0.55)} 0 L${f(w)} 0 L${f(w)} ${f(h * 0.55)} Z" fill="#fff" fill-opacity="0.18"/>`;
  s += `<rect y="${f(table)}" width="${w}" height="${f(h - table)}" fill="${hsl(25, 35, 38)}"/>`;
  s += `<rect y="${f(table)}" width="${w}" height="${f(h * 0.015)}" fill="${hsl(25, 35, 48)}"/>`;
  // Vase.
  const vx = w * between(r, 0.35, 0.5);
  const vw = w * 0.2;
  const vh = h * 0.3;
  const vc = pick(r, [hsl(205, 55, 40), hsl(15, 60, 50), hsl(160, 30, 40), "#f3efe8"]);
  s += `<ellipse cx="${f(vx + w * 0.04)}" cy="${f(table + h * 0.01)}" rx="${f(vw * 0.7)}" ry="${f(h * 0.02)}" fill="#000" fill-opacity="0.2"/>`;
  s += `<path d="M${f(vx - vw * 0.18)} ${f(table - vh)} L${f(vx + vw * 0.18)} ${f(table - vh)} Q${f(vx + vw * 0.14)} ${f(table - vh * 0.75)} ${f(vx + vw * 0.5)} ${f(table - vh * 0.45)} Q${f(vx + vw * 0.6)} ${f(table - vh * 0.1)} ${f(vx + vw * 0.3)} ${f(table)} L${f(vx - vw * 0.3)} ${f(table)} Q${f(vx - vw * 0.6)} ${f(table - vh * 0.1)} ${f(vx - vw * 0.5)} ${f(table - vh * 0.45)} Q${f(vx - vw * 0.14)} ${f(table - vh * 0.75)} ${f(vx - vw * 0.18)} ${f(table - vh)} Z" fill="${vc}"/>`;
  s += `<path d="M${f(vx - vw * 0.35)} ${f(table - vh * 0.5)} Q${f(vx - vw * 0.38)} ${f(table - vh * 0.2)} ${f(vx - vw * 0.22)} ${f(table - vh * 0.05)}" fill="none" stroke="#fff" stroke-opacity="0.45" stroke-width="${f(vw * 0.05)}" stroke-linecap="round"/>`;
  // Stems and flowers.
  for (let i = 0; i < 5; i++) {
    const fx = vx + vw * between(r, -0.9, 0.9);
    const fy = table - vh - h * between(r, 0.08, 0.25);
    s += `<path d="M${f(vx)} ${f(table - vh)} Q${f((vx + fx) / 2)} ${f(fy + h * 0.05)} ${f(fx)} ${f(fy)}" fill="none" stroke="${hsl(110, 35, 30)}" stroke-width="${f(w * 0.006)}"/>`;
    const pc = pick(r, [hsl(350, 70, 60), hsl(45, 90, 60), "#fff", hsl(280, 40, 65)]);
    for (let p = 0; p < 6; p++) {
      const a = (p / 6) * Math.PI * 2;
      s += `<circle cx="${f(fx + Math.cos(a) * w * 0.02)}" cy="${f(fy + Math.sin(a) * w * 0.02)}" r="${f(w * 0.02)}" fill="${pc}"/>`;
    }
    s += `<circle cx="${f(fx)}" cy="${f(fy)}" r="${f(w * 0.013)}" fill="${hsl(40, 80, 35)}"/>`;
  }
  // Fruit on the table.
  for (let i = 0; i < 3; i++) {
    const fr = w * between(r, 0.045, 0.065);
    const fx = vx + vw * (0.9 + i * 0.55);
    const c = pick(r, [hsl(10, 75, 50), hsl(40, 90, 55), hsl(95, 50, 45)]);
    s += `<circle cx="${f(fx)}" cy="${f(table + h * 0.02 - fr * 0.6)}" r="${f(fr)}" fill="${c}"/>`;
    s += `<circle cx="${f(fx - fr * 0.35)}" cy="${f(table + h * 0.02 - fr * 0.95)}" r="${f(fr * 0.25)}" fill="#fff" fill-opacity="0.35"/>`;
  }
  return s;
}
