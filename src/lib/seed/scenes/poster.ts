import { between, f, hsl, pick, type Rand } from "./svg";

// Typography posters, Swiss style: one huge word, geometric shapes on a grid, small print.
// Fonts come from the system (DejaVu / Noto CJK on Debian); any sans-serif reads the same way.

const SANS =
  "'DejaVu Sans', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', Arial, sans-serif";
const CJK = "'Noto Sans CJK SC', 'Noto Serif CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

export function poster(r: Rand, w: number, h: number, word: string, subtitle: string): string {
  const schemes = [
    { bg: hsl(8, 85, 55), fg: "#111", accent: "#f4efe6" },
    { bg: "#f1ece2", fg: "#111", accent: hsl(8, 85, 52) },
    { bg: "#111", fg: "#f4efe6", accent: hsl(48, 95, 55) },
    { bg: hsl(220, 70, 45), fg: "#f4efe6", accent: hsl(15, 90, 60) },
    { bg: hsl(48, 95, 58), fg: "#111", accent: hsl(220, 70, 40) },
  ];
  const c = pick(r, schemes);
  let s = `<rect width="${w}" height="${h}" fill="${c.bg}"/>`;
  // Grid of thin lines.
  for (let i = 1; i < 6; i++)
    s += `<rect x="${f((w * i) / 6)}" width="0.8" height="${h}" fill="${c.fg}" fill-opacity="0.12"/>`;
  // Shapes.
  const big = Math.min(w, h);
  s += `<circle cx="${f(w * between(r, 0.55, 0.85))}" cy="${f(h * between(r, 0.2, 0.45))}" r="${f(big * between(r, 0.22, 0.34))}" fill="${c.accent}"/>`;
  s += `<rect x="${f(w * 0.08)}" y="${f(h * between(r, 0.1, 0.3))}" width="${f(w * 0.35)}" height="${f(big * 0.06)}" fill="${c.fg}"/>`;
  for (let i = 0; i < 5; i++)
    s += `<rect x="${f(w * 0.08)}" y="${f(h * 0.5 + i * big * 0.035)}" width="${f(w * between(r, 0.2, 0.5))}" height="${f(big * 0.012)}" fill="${c.fg}" fill-opacity="0.8"/>`;
  // The word: as wide as the poster allows, stacked when the poster is tall.
  const letters = word.length;
  // Bold caps of DejaVu Sans run about 0.8 em wide.
  const size = Math.min((w * 0.88) / (letters * 0.8), h * 0.28);
  const y = h * (h > w ? 0.84 : 0.8);
  s += `<text x="${f(w * 0.06)}" y="${f(y)}" font-family="${SANS}" font-weight="700" font-size="${f(size)}" letter-spacing="${f(-size * 0.03)}" fill="${c.fg}">${esc(word)}</text>`;
  s += `<text x="${f(w * 0.06)}" y="${f(y + size * 0.34)}" font-family="${CJK}" font-weight="700" font-size="${f(size * 0.2)}" fill="${c.fg}">${esc(subtitle)}</text>`;
  s += `<text x="${f(w * 0.94)}" y="${f(h * 0.06)}" text-anchor="end" font-family="${SANS}" font-size="${f(big * 0.03)}" fill="${c.fg}">AIGC STUDIO — ${2024 + Math.floor(r() * 3)}</text>`;
  s += `<text x="${f(w * 0.06)}" y="${f(h * 0.06)}" font-family="${SANS}" font-weight="700" font-size="${f(big * 0.03)}" fill="${c.fg}">NO.${String(1 + Math.floor(r() * 99)).padStart(2, "0")}</text>`;
  return s;
}
