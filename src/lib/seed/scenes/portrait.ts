import { between, f, glow, hsl, linear, pick, type Rand } from "./svg";

// Illustrated portraits, flat editorial style: head and shoulders in front of a coloured backdrop,
// hair in a few shapes, simple features; the cyber variant adds a visor line and circuit marks.

const SKIN = [hsl(28, 55, 78), hsl(25, 45, 66), hsl(22, 40, 52), hsl(20, 38, 38), hsl(30, 60, 84)];
const HAIR = [
  hsl(20, 30, 12),
  hsl(30, 45, 28),
  hsl(350, 50, 35),
  hsl(45, 60, 62),
  hsl(220, 15, 80),
  hsl(270, 45, 40),
];

export function portrait(r: Rand, w: number, h: number, cyber: boolean): string {
  const bgHue = between(r, 0, 360);
  const skin = pick(r, SKIN);
  const hair = cyber
    ? pick(r, [hsl(185, 80, 55), hsl(320, 70, 60), hsl(260, 60, 70)])
    : pick(r, HAIR);
  const cloth = hsl(bgHue + 150, 45, 35);
  const cx = w / 2 + between(r, -0.05, 0.05) * w;
  const unit = Math.min(w, h * 0.75);
  const headR = unit * 0.2;
  const cy = h * 0.46;
  let s = `<defs>${linear("bg", [
    [0, hsl(bgHue, 45, cyber ? 18 : 80)],
    [1, hsl(bgHue + 30, 50, cyber ? 8 : 62)],
  ])}</defs><rect width="${w}" height="${h}" fill="url(#bg)"/>`;
  s += `<circle cx="${f(cx + unit * 0.05)}" cy="${f(cy - headR * 0.2)}" r="${f(unit * 0.42)}" fill="${hsl(bgHue + 20, 55, cyber ? 30 : 88)}"/>`;
  if (cyber) s += glow("rim", cx, cy, unit * 0.6, hsl(185, 100, 60), 0.35);
  // Hair behind the head.
  s += `<path d="M${f(cx - headR * 1.25)} ${f(cy + headR * 1.6)} Q${f(cx - headR * 1.5)} ${f(cy - headR * 1.4)} ${f(cx)} ${f(cy - headR * 1.35)} Q${f(cx + headR * 1.5)} ${f(cy - headR * 1.4)} ${f(cx + headR * 1.25)} ${f(cy + headR * (r() < 0.5 ? 1.6 : 0.6))} Z" fill="${hair}"/>`;
  // Shoulders and neck.
  s += `<path d="M${f(cx - unit * 0.46)} ${f(h)} Q${f(cx - unit * 0.44)} ${f(cy + headR * 1.9)} ${f(cx - headR * 0.5)} ${f(cy + headR * 1.7)} L${f(cx + headR * 0.5)} ${f(cy + headR * 1.7)} Q${f(cx + unit * 0.44)} ${f(cy + headR * 1.9)} ${f(cx + unit * 0.46)} ${f(h)} Z" fill="${cloth}"/>`;
  s += `<rect x="${f(cx - headR * 0.33)}" y="${f(cy + headR * 0.6)}" width="${f(headR * 0.66)}" height="${f(headR * 1.15)}" rx="${f(headR * 0.2)}" fill="${skin}"/>`;
  s += `<path d="M${f(cx - headR * 0.55)} ${f(cy + headR * 1.7)} Q${f(cx)} ${f(cy + headR * 2.2)} ${f(cx + headR * 0.55)} ${f(cy + headR * 1.7)}" fill="none" stroke="${hsl(bgHue + 150, 45, 22)}" stroke-width="${f(headR * 0.08)}"/>`;
  // Head, ears.
  s += `<ellipse cx="${f(cx - headR * 0.92)}" cy="${f(cy + headR * 0.1)}" rx="${f(headR * 0.16)}" ry="${f(headR * 0.25)}" fill="${skin}"/>`;
  s += `<ellipse cx="${f(cx + headR * 0.92)}" cy="${f(cy + headR * 0.1)}" rx="${f(headR * 0.16)}" ry="${f(headR * 0.25)}" fill="${skin}"/>`;
  s += `<ellipse cx="${f(cx)}" cy="${f(cy)}" rx="${f(headR * 0.9)}" ry="${f(headR * 1.12)}" fill="${skin}"/>`;
  // Features.
  const eyeY = cy + headR * 0.05;
  const eyeDx = headR * 0.36;
  const iris = cyber
    ? hsl(185, 100, 55)
    : pick(r, [hsl(25, 50, 25), hsl(200, 50, 35), hsl(100, 30, 30)]);
  for (const side of [-1, 1]) {
    const ex = cx + side * eyeDx;
    s += `<ellipse cx="${f(ex)}" cy="${f(eyeY)}" rx="${f(headR * 0.17)}" ry="${f(headR * 0.1)}" fill="#fff"/>`;
    s += `<circle cx="${f(ex + headR * 0.02)}" cy="${f(eyeY)}" r="${f(headR * 0.075)}" fill="${iris}"/>`;
    s += `<circle cx="${f(ex + headR * 0.04)}" cy="${f(eyeY - headR * 0.03)}" r="${f(headR * 0.022)}" fill="#fff"/>`;
    s += `<path d="M${f(ex - headR * 0.2)} ${f(eyeY - headR * 0.2)} Q${f(ex)} ${f(eyeY - headR * 0.3)} ${f(ex + headR * 0.2)} ${f(eyeY - headR * 0.22)}" fill="none" stroke="${hsl(20, 30, 15)}" stroke-width="${f(headR * 0.06)}" stroke-linecap="round"/>`;
    s += `<ellipse cx="${f(cx + side * headR * 0.5)}" cy="${f(cy + headR * 0.42)}" rx="${f(headR * 0.15)}" ry="${f(headR * 0.08)}" fill="${hsl(355, 70, 65)}" fill-opacity="0.35"/>`;
  }
  s += `<path d="M${f(cx)} ${f(eyeY + headR * 0.1)} Q${f(cx - headR * 0.08)} ${f(cy + headR * 0.42)} ${f(cx + headR * 0.04)} ${f(cy + headR * 0.45)}" fill="none" stroke="${hsl(20, 35, 40)}" stroke-width="${f(headR * 0.04)}" stroke-linecap="round"/>`;
  s += `<path d="M${f(cx - headR * 0.2)} ${f(cy + headR * 0.66)} Q${f(cx)} ${f(cy + headR * 0.78)} ${f(cx + headR * 0.2)} ${f(cy + headR * 0.66)} Q${f(cx)} ${f(cy + headR * 0.7)} ${f(cx - headR * 0.2)} ${f(cy + headR * 0.66)} Z" fill="${hsl(355, 55, 50)}"/>`;
  // Fringe over the forehead.
  s += `<path d="M${f(cx - headR * 0.95)} ${f(cy - headR * 0.2)} Q${f(cx - headR * 0.9)} ${f(cy - headR * 1.25)} ${f(cx)} ${f(cy - headR * 1.18)} Q${f(cx + headR * 1.0)} ${f(cy - headR * 1.2)} ${f(cx + headR * 0.95)} ${f(cy - headR * 0.15)} Q${f(cx + headR * 0.5)} ${f(cy - headR * 0.75)} ${f(cx - headR * 0.1)} ${f(cy - headR * 0.55)} Q${f(cx - headR * 0.6)} ${f(cy - headR * 0.5)} ${f(cx - headR * 0.95)} ${f(cy - headR * 0.2)} Z" fill="${hair}"/>`;
  if (cyber) {
    s += `<rect x="${f(cx - headR * 0.72)}" y="${f(eyeY - headR * 0.16)}" width="${f(headR * 1.44)}" height="${f(headR * 0.3)}" rx="${f(headR * 0.15)}" fill="${hsl(185, 100, 55)}" fill-opacity="0.35" stroke="${hsl(185, 100, 70)}" stroke-width="${f(headR * 0.03)}"/>`;
    s += `<path d="M${f(cx + headR * 0.55)} ${f(cy + headR * 0.3)} h${f(headR * 0.2)} v${f(headR * 0.25)} h${f(headR * 0.15)}" fill="none" stroke="${hsl(185, 100, 65)}" stroke-width="${f(headR * 0.03)}"/>`;
  } else if (r() < 0.6) {
    s += `<circle cx="${f(cx - headR * 0.92)}" cy="${f(cy + headR * 0.45)}" r="${f(headR * 0.06)}" fill="${hsl(45, 90, 60)}"/>`;
    s += `<circle cx="${f(cx + headR * 0.92)}" cy="${f(cy + headR * 0.45)}" r="${f(headR * 0.06)}" fill="${hsl(45, 90, 60)}"/>`;
  }
  return s;
}
